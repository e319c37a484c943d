// Pixel transforms that copiers apply to stolen photos; used to build test
// fixtures and the transform benchmark (they are not part of hashing).
#pragma once

#include "image/image.h"

namespace ipguard::image {

// Box-filtered resize (area average when shrinking).
Image Resize(const Image& src, int width, int height);
// The rectangle [x, x + w) x [y, y + h), clipped to the image.
Image Crop(const Image& src, int x, int y, int w, int h);
// Adds a uniform border of the given widths and grey/RGB value.
Image Pad(const Image& src, int left, int top, int right, int bottom, uint8_t value);
// Quarter turns clockwise (1..3), and left-right mirror.
Image Rotate90(const Image& src, int quarter_turns);
Image Mirror(const Image& src);
Image Grayscale(const Image& src);
// v' = clamp(contrast * (v - 128) + 128 + brightness).
Image Adjust(const Image& src, double brightness, double contrast);
// Fills a rectangle with a flat colour (a sticker), or draws a grid of thin
// lines across it (text-like watermark strokes).
Image Sticker(const Image& src, int x, int y, int w, int h, uint8_t value);
Image Watermark(const Image& src, int x, int y, int w, int h, uint8_t value);
// `src` scaled to fit inside a larger white canvas at (x, y).
Image OnCanvas(const Image& src, int canvas_w, int canvas_h, int x, int y, int w, int h);

}  // namespace ipguard::image
