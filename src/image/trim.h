// Beyond PDQ: finding the picture inside uniform borders, pads and plain
// canvases (a copier's white frame, a photo pasted on a white "product page"),
// so that it can be hashed on its own. PDQ alone loses such copies (published:
// 1% recall at a 20% pad), because the frame moves every DCT coefficient.
#pragma once

#include <optional>
#include <vector>

namespace ipguard::image {

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
};

// The bounding box of what differs from the border colour (taken from the
// four corners, which must agree within `tolerance` luma levels). A row or
// column belongs to the border while at most 1% of its pixels differ by more
// than `tolerance`. nullopt when there is no uniform border, when it is
// thinner than 2% of the side, or when what is left is under 20% of a side.
std::optional<Box> FindContentBox(const std::vector<float>& luma, int rows, int cols,
                                  float tolerance = 14.0f);

// The luma inside `box`, row-major.
std::vector<float> CropLuma(const std::vector<float>& luma, int cols, const Box& box);

}  // namespace ipguard::image
