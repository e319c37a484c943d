// The transform benchmark: how often a copy made by each transform a copier
// uses still matches its original (recall), and how often images of
// different photos match (false positives), with the same digests and the
// same rule (distance <= radius) as the image_copy detector.
#pragma once

#include <string>
#include <vector>

#include "image/digest.h"
#include "image/image.h"

namespace ipguard::image {

struct TransformResult {
  std::string name;
  int copies = 0;
  int matched = 0;
  double mean_distance = 0;
  std::vector<int> missed;  // indexes of the photos (among those kept) whose copy was missed
  double recall() const { return copies ? static_cast<double>(matched) / copies : 0; }
};

struct TransformReport {
  std::vector<TransformResult> transforms;
  long unrelated_pairs = 0;
  long false_positives = 0;
  int min_unrelated_distance = 257;  // the margin below the radius
  // Hard negatives: the same edit (canvas, pad, sticker, ...) applied to two
  // different photos, one looked up against the other as stored.
  long same_edit_pairs = 0;
  long same_edit_false_positives = 0;
  int min_same_edit_distance = 257;
  double false_positive_rate() const {
    return unrelated_pairs ? static_cast<double>(false_positives) / unrelated_pairs : 0;
  }
};

// The names of the transforms, in report order.
std::vector<std::string> TransformNames();
// Copy number `which` of `photo` (an index into TransformNames()), encoded
// as the copier would save it.
std::vector<uint8_t> MakeCopy(const Image& photo, int which);

// Runs every transform on every photo; unrelated pairs are each copy and
// each original against every original of another photo; same-edit pairs
// each copy against the same transform's copy of every other photo.
TransformReport EvaluateTransforms(const std::vector<Image>& photos, int radius = 31);

}  // namespace ipguard::image
