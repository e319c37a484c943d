#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "image/pdq_index.h"

namespace ipguard::image {
namespace {

PdqHash RandomHash(std::mt19937_64& rng) {
  PdqHash h;
  for (auto& w : h.words) w = rng();
  return h;
}

PdqHash FlipBits(PdqHash h, int bits, std::mt19937_64& rng) {
  std::vector<int> pos(256);
  for (int i = 0; i < 256; ++i) pos[i] = i;
  std::shuffle(pos.begin(), pos.end(), rng);
  for (int i = 0; i < bits; ++i) h.words[pos[i] >> 6] ^= uint64_t{1} << (pos[i] & 63);
  return h;
}

// Random hashes with clusters of near-duplicates at every distance 0..48.
void Fill(PdqIndex& index, size_t n, std::mt19937_64& rng, std::vector<PdqHash>& seeds) {
  for (size_t i = 0; i < n; ++i) {
    if (i % 100 == 0) {
      seeds.push_back(RandomHash(rng));
      ASSERT_TRUE(index.Add(seeds.back(), i).ok());
    } else if (i % 100 < 50) {
      ASSERT_TRUE(index.Add(FlipBits(seeds.back(), static_cast<int>(i % 100), rng), i).ok());
    } else {
      ASSERT_TRUE(index.Add(RandomHash(rng), i).ok());
    }
  }
}

void ExpectSameAsBruteForce(const PdqIndex& index, const std::vector<PdqHash>& seeds,
                            std::mt19937_64& rng) {
  for (int radius : {0, 8, 31, 40}) {
    for (int k = 0; k < 40; ++k) {
      // Eight queries, like the dihedral hashes of one image.
      std::vector<PdqHash> queries;
      for (int q = 0; q < 8; ++q) {
        queries.push_back(FlipBits(seeds[rng() % seeds.size()], static_cast<int>(rng() % 20), rng));
      }
      const auto got = index.Search(queries, radius);
      const auto want = index.SearchBruteForce(queries, radius);
      ASSERT_EQ(got.size(), want.size()) << "radius " << radius;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].entry, want[i].entry);
        EXPECT_EQ(got[i].distance, want[i].distance);
        EXPECT_EQ(got[i].payload, want[i].payload);
      }
    }
  }
}

TEST(PdqIndex, FindsExactlyWhatBruteForceFinds) {
  size_t most_segments = 0;
  for (size_t n : {3000, 20000, 36000, 70000}) {
    std::mt19937_64 rng(7 + n);
    PdqIndex index;
    index.Reserve(n);
    std::vector<PdqHash> seeds;
    Fill(index, n, rng, seeds);  // segments plus a tail
    most_segments = std::max(most_segments, index.segment_count());
    ExpectSameAsBruteForce(index, seeds, rng);
    ASSERT_TRUE(index.Compact().ok());
    EXPECT_EQ(index.segment_count(), 1u);
    ExpectSameAsBruteForce(index, seeds, rng);
    EXPECT_LE(index.BytesPerHash(), 128.0) << n;
  }
  EXPECT_GE(most_segments, 2u);
}

TEST(PdqIndex, SmallIndexesAndEmptyQueries) {
  PdqIndex index;
  EXPECT_TRUE(index.Search({}, 31).empty());
  std::mt19937_64 rng(1);
  const PdqHash h = RandomHash(rng);
  ASSERT_TRUE(index.Add(h, 42).ok());
  const PdqHash q = FlipBits(h, 31, rng);
  auto m = index.Search({&q, 1}, 31);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].payload, 42u);
  EXPECT_EQ(m[0].distance, 31);
  EXPECT_TRUE(index.Search({&q, 1}, 30).empty());
}

class PdqIndexFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ipguard-pdqidx-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "images.pdqidx").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(PdqIndexFile, ReopensFromItsFilesWithoutRebuilding) {
  std::mt19937_64 rng(3);
  std::vector<PdqHash> seeds;
  {
    auto index = PdqIndex::Open(path_);
    ASSERT_TRUE(index.ok()) << index.status().message();
    Fill(**index, 150000, rng, seeds);
    ASSERT_TRUE((*index)->Sync().ok());
  }
  auto index = PdqIndex::Open(path_);
  ASSERT_TRUE(index.ok()) << index.status().message();
  EXPECT_EQ((*index)->size(), 150000u);
  EXPECT_EQ((*index)->dropped_on_open(), 0u);
  EXPECT_GE((*index)->segments_loaded_on_open(), 1u);
  ExpectSameAsBruteForce(**index, seeds, rng);
  // And it keeps growing after a reopen.
  Fill(**index, 20000, rng, seeds);
  ExpectSameAsBruteForce(**index, seeds, rng);
}

TEST_F(PdqIndexFile, ATornTailFromACrashIsCutOff) {
  std::mt19937_64 rng(5);
  std::vector<PdqHash> seeds;
  {
    auto index = PdqIndex::Open(path_);
    ASSERT_TRUE(index.ok());
    Fill(**index, 1000, rng, seeds);
    ASSERT_TRUE((*index)->Sync().ok());
  }
  {
    std::ofstream f(path_, std::ios::app | std::ios::binary);
    f << "half a record";  // a crash in the middle of an append
  }
  auto index = PdqIndex::Open(path_);
  ASSERT_TRUE(index.ok()) << index.status().message();
  EXPECT_EQ((*index)->size(), 1000u);
  EXPECT_EQ((*index)->dropped_on_open(), 1u);
  EXPECT_EQ(std::filesystem::file_size(path_), 64u + 1000u * 48u);
  ExpectSameAsBruteForce(**index, seeds, rng);
}

TEST_F(PdqIndexFile, ACorruptRecordEndsTheIntactPrefix) {
  std::mt19937_64 rng(9);
  std::vector<PdqHash> seeds;
  {
    auto index = PdqIndex::Open(path_);
    ASSERT_TRUE(index.ok());
    Fill(**index, 500, rng, seeds);
  }  // closing flushes
  {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(64 + 300 * 48 + 5);
    f.put('\x5a');
  }
  auto index = PdqIndex::Open(path_);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ((*index)->size(), 300u);
  EXPECT_EQ((*index)->dropped_on_open(), 200u);
}

TEST_F(PdqIndexFile, RefusesAFileThatIsNotAnIndex) {
  {
    std::ofstream f(path_);
    f << "{\"kind\":\"listing\"} and more text than a header holds..........................";
  }
  auto index = PdqIndex::Open(path_);
  ASSERT_FALSE(index.ok());
  EXPECT_NE(index.status().message().find("not an ipguard PDQ index"), std::string::npos);
}

}  // namespace
}  // namespace ipguard::image
