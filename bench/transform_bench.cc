// Transform benchmark: recall per copier transform and false positives among
// unrelated pairs, on real photographs (the PDQ reference photos, and any
// JPEG/PNG/WebP files or folders given on the command line, e.g. a Debian
// wallpaper package's /usr/share/backgrounds).
//
//   transform_bench [--radius R] [FILE_OR_DIR...]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "image/image.h"
#include "image/transform.h"
#include "image/transform_eval.h"

using namespace ipguard::image;

int main(int argc, char** argv) {
  int radius = 31;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--radius" && i + 1 < argc) {
      radius = std::atoi(argv[++i]);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    const char* shared = std::getenv("IPGUARD_SHARED");
    const std::string pdq = std::string(shared ? shared : "../shared") + "/data/pdq/";
    paths = {pdq + "bridge-mods/aaa-orig.jpg", pdq + "reg-test-input/exif-rotn",
             pdq + "reg-test-input/pen-and-coaster.png", pdq + "misc-images/c.png",
             pdq + "reg-test-input/labelme-subset"};
  }
  std::vector<Image> photos;
  for (const auto& p : paths) {
    std::vector<std::string> files;
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::directory_iterator(p)) files.push_back(e.path());
    } else {
      files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      DecodeOptions o;
      o.min_side = 512;
      auto img = DecodeFile(f, o);
      if (!img.ok()) continue;
      // Product photos: at most 1024 px on the long side.
      const int longest = std::max(img->width, img->height);
      std::fprintf(stderr, "photo %zu: %s\n", photos.size(), f.c_str());
      photos.push_back(longest > 1024
                           ? Resize(*img, img->width * 1024 / longest, img->height * 1024 / longest)
                           : *img);
    }
  }
  const TransformReport r = EvaluateTransforms(photos, radius);
  std::printf("%zu photos, radius %d\n%-22s %7s %8s %10s\n", photos.size(), radius, "transform",
              "copies", "recall", "mean dist");
  for (const auto& t : r.transforms) {
    std::printf("%-22s %7d %7.1f%% %10.1f  missed:", t.name.c_str(), t.copies, 100 * t.recall(),
                t.mean_distance);
    for (int m : t.missed) std::printf(" %d", m);
    std::printf("\n");
  }
  std::printf("unrelated pairs %ld, false positives %ld (%.3f%%), closest unrelated distance %d\n",
              r.unrelated_pairs, r.false_positives, 100 * r.false_positive_rate(),
              r.min_unrelated_distance);
  std::printf("same edit on different photos: pairs %ld, false positives %ld, closest %d\n",
              r.same_edit_pairs, r.same_edit_false_positives, r.min_same_edit_distance);
  return 0;
}
