#include "diagnostics/source_files.hpp"

#include "scratch_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace cronc {
namespace {

TEST(SourceFiles, ReturnsLinesWithoutTheirTerminators) {
  testing::ScratchDir dir;
  std::string path = dir.write("jobs.cpp", "first\nsecond\r\nthird\rfourth\n\nlast");
  SourceFiles files;
  EXPECT_EQ(files.line(path, 1), "first");
  EXPECT_EQ(files.line(path, 2), "second");
  EXPECT_EQ(files.line(path, 3), "third");
  EXPECT_EQ(files.line(path, 4), "fourth");
  EXPECT_EQ(files.line(path, 5), "");
  EXPECT_EQ(files.line(path, 6), "last");
  EXPECT_EQ(files.line(path, 7), std::nullopt);
  EXPECT_EQ(files.line(path, 0), std::nullopt);
}

TEST(SourceFiles, NoLineAfterTheLastNewline) {
  SourceFiles files;
  files.add("a.cpp", "one\n");
  EXPECT_EQ(files.line("a.cpp", 1), "one");
  EXPECT_EQ(files.line("a.cpp", 2), std::nullopt);
}

TEST(SourceFiles, MissingFileHasNoContent) {
  SourceFiles files;
  EXPECT_EQ(files.content("/nonexistent/cronc/jobs.cpp"), std::nullopt);
  EXPECT_EQ(files.line("/nonexistent/cronc/jobs.cpp", 1), std::nullopt);
  testing::ScratchDir dir;
  EXPECT_EQ(files.content(dir.path().string()), std::nullopt) << "a directory is not a source file";
}

TEST(SourceFiles, ReadsOnceAndKeepsTheFirstContent) {
  testing::ScratchDir dir;
  std::string path = dir.write("jobs.cpp", "before\n");
  SourceFiles files;
  std::optional<std::string_view> first = files.line(path, 1);
  dir.write("jobs.cpp", "after\n");
  EXPECT_EQ(files.line(path, 1), "before");
  EXPECT_EQ(first, "before");
  EXPECT_FALSE(files.add(path, "replaced\n"));
  EXPECT_EQ(files.content(path), "before\n");
}

TEST(SourceFiles, AddedContentWinsOverTheDisk) {
  SourceFiles files;
  EXPECT_TRUE(files.add("/nonexistent/unsaved.cpp", "in memory\n"));
  EXPECT_EQ(files.line("/nonexistent/unsaved.cpp", 1), "in memory");
}

TEST(SourceFiles, OffsetOfLineAndColumn) {
  SourceFiles files;
  files.add("a.cpp", "ab\r\ncd\nef");
  EXPECT_EQ(files.offset("a.cpp", 1, 1), 0u);
  EXPECT_EQ(files.offset("a.cpp", 2, 2), 5u);
  EXPECT_EQ(files.offset("a.cpp", 3, 3), 9u) << "one past the end of the file is a valid place";
  EXPECT_EQ(files.offset("a.cpp", 3, 4), std::nullopt);
  EXPECT_EQ(files.offset("a.cpp", 4, 1), std::nullopt);
}

TEST(SourceFiles, SharedBetweenThreads) {
  testing::ScratchDir dir;
  std::vector<std::string> paths;
  for (int i = 0; i < 8; ++i) paths.push_back(dir.write("f" + std::to_string(i) + ".cpp", "line " + std::to_string(i)));
  SourceFiles files;
  std::vector<std::thread> threads;
  std::atomic<int> matches = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < paths.size(); ++i) {
          if (files.line(paths[i], 1) == "line " + std::to_string(i)) ++matches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(matches, 4 * 50 * 8);
}

}  // namespace
}  // namespace cronc
