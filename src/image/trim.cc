#include "image/trim.h"

#include <algorithm>
#include <cmath>

namespace ipguard::image {

std::optional<Box> FindContentBox(const std::vector<float>& luma, int rows, int cols,
                                  float tolerance) {
  if (rows < 16 || cols < 16) return std::nullopt;
  const float corners[4] = {luma[0], luma[cols - 1], luma[static_cast<size_t>(rows - 1) * cols],
                            luma[static_cast<size_t>(rows) * cols - 1]};
  const auto [lo, hi] = std::minmax_element(corners, corners + 4);
  if (*hi - *lo > tolerance) return std::nullopt;
  const float bg = (corners[0] + corners[1] + corners[2] + corners[3]) / 4;
  auto off = [&](int y, int x) {
    return std::fabs(luma[static_cast<size_t>(y) * cols + x] - bg) > tolerance;
  };
  auto row_is_border = [&](int y, int x0, int x1) {
    int n = 0;
    for (int x = x0; x < x1; ++x) n += off(y, x);
    return n * 100 <= (x1 - x0);
  };
  auto col_is_border = [&](int x, int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y) n += off(y, x);
    return n * 100 <= (y1 - y0);
  };
  int top = 0, bottom = rows, left = 0, right = cols;
  while (top < bottom && row_is_border(top, 0, cols)) ++top;
  while (bottom > top && row_is_border(bottom - 1, 0, cols)) --bottom;
  while (left < right && col_is_border(left, top, bottom)) ++left;
  while (right > left && col_is_border(right - 1, top, bottom)) --right;
  const int w = right - left, h = bottom - top;
  if (w * 5 < cols || h * 5 < rows) return std::nullopt;                      // almost all border
  if ((cols - w) * 50 < cols && (rows - h) * 50 < rows) return std::nullopt;  // no real border
  return Box{left, top, w, h};
}

std::vector<float> CropLuma(const std::vector<float>& luma, int cols, const Box& box) {
  std::vector<float> out(static_cast<size_t>(box.width) * box.height);
  for (int y = 0; y < box.height; ++y) {
    const float* src = luma.data() + static_cast<size_t>(box.y + y) * cols + box.x;
    std::copy(src, src + box.width, out.data() + static_cast<size_t>(y) * box.width);
  }
  return out;
}

}  // namespace ipguard::image
