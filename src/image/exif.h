// EXIF orientation (TIFF tag 0x0112) of a JPEG, read from its APP1 "Exif"
// segment, and the pixel transform that undoes it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "image/image.h"

namespace ipguard::image {

// The body (after `prefix`) of the first header segment with this marker
// (e.g. 0xE1 APP1 and "Exif\0\0"); empty when there is none before the scan.
std::span<const uint8_t> FindJpegSegment(std::span<const uint8_t> jpeg, uint8_t marker,
                                         std::string_view prefix);

// The orientation value 1..8 of a JPEG's first Exif APP1 segment; 1 (as
// stored) when absent, malformed or out of range. Never reads out of bounds.
int JpegExifOrientation(std::span<const uint8_t> jpeg);

// Turns an image stored with EXIF `orientation` (2..8) into its display
// orientation: 2 mirror, 3 rotate 180, 4 flip vertically, 5 transpose,
// 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise.
void ApplyOrientation(Image& image, int orientation);

}  // namespace ipguard::image
