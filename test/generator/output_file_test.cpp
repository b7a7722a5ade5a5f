#include "emit/output_file.hpp"

#include "scratch_dir.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

namespace cronc {
namespace {

namespace fs = std::filesystem;

/// The files in `dir` other than `keep`: what a failed or finished write must not leave behind.
std::vector<std::string> leftovers(const fs::path& dir, const std::string& keep = "") {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename() != keep) names.push_back(entry.path().filename().string());
  return names;
}

TEST(WriteIfChanged, CreatesTheFileAndItsFolders) {
  testing::ScratchDir dir;
  std::string path = (dir.path() / "gen/deeper/shop.cron.json").string();
  std::string error;
  ASSERT_TRUE(write_if_changed(path, "{}\n", error)) << error;
  EXPECT_EQ(dir.read("gen/deeper/shop.cron.json"), "{}\n");
  EXPECT_TRUE(leftovers(dir.path() / "gen/deeper", "shop.cron.json").empty());
}

/// Writes `content` to `name` in `dir` and dates the file an hour back, so that any rewrite shows; returns that time.
fs::file_time_type write_an_hour_ago(const testing::ScratchDir& dir, const std::string& name,
                                     const std::string& content) {
  std::string path = dir.write(name, content);
  auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(path, an_hour_ago);
  return an_hour_ago;
}

TEST(WriteIfChanged, AnUnchangedFileKeepsItsTimestamp) {
  testing::ScratchDir dir;
  auto an_hour_ago = write_an_hour_ago(dir, "shop.cron.cpp", "int x;\n");
  std::string path = (dir.path() / "shop.cron.cpp").string();
  std::string error;
  ASSERT_TRUE(write_if_changed(path, "int x;\n", error)) << error;
  EXPECT_EQ(fs::last_write_time(path), an_hour_ago);
  EXPECT_TRUE(leftovers(dir.path(), "shop.cron.cpp").empty());
}

TEST(WriteIfChanged, ChangedContentReplacesTheFile) {
  testing::ScratchDir dir;
  auto an_hour_ago = write_an_hour_ago(dir, "shop.cron.cpp", "int x;\n");
  std::string path = (dir.path() / "shop.cron.cpp").string();
  std::string error;
  ASSERT_TRUE(write_if_changed(path, "int y;\n", error)) << error;
  EXPECT_EQ(dir.read("shop.cron.cpp"), "int y;\n");
  EXPECT_GT(fs::last_write_time(path), an_hour_ago);
  // A shorter content is not a prefix left over from the longer one.
  ASSERT_TRUE(write_if_changed(path, "", error)) << error;
  EXPECT_EQ(dir.read("shop.cron.cpp"), "");
  EXPECT_TRUE(leftovers(dir.path(), "shop.cron.cpp").empty());
}

TEST(WriteIfChanged, TheFileGetsTheUsualPermissions) {
  testing::ScratchDir dir;
  mode_t mask = ::umask(022);
  std::string error;
  bool written = write_if_changed((dir.path() / "shop.cron.json").string(), "{}\n", error);
  ::umask(mask);
  ASSERT_TRUE(written) << error;
  EXPECT_EQ(fs::status(dir.path() / "shop.cron.json").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

TEST(WriteIfChanged, AFailedRenameLeavesNoTemporary) {
  testing::ScratchDir dir;
  fs::create_directories(dir.path() / "shop.cron.cpp/occupied");  // a folder where the file should go
  std::string error;
  EXPECT_FALSE(write_if_changed((dir.path() / "shop.cron.cpp").string(), "int x;\n", error));
  EXPECT_NE(error.find("cannot write '"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
  EXPECT_TRUE(leftovers(dir.path(), "shop.cron.cpp").empty());
}

TEST(WriteIfChanged, AFileInTheWayOfTheFolderIsAnError) {
  testing::ScratchDir dir;
  dir.write("not-a-folder", "");
  std::string error;
  EXPECT_FALSE(write_if_changed((dir.path() / "not-a-folder/shop.cron.cpp").string(), "int x;\n", error));
  EXPECT_NE(error.find("not-a-folder"), std::string::npos) << error;
  EXPECT_TRUE(leftovers(dir.path(), "not-a-folder").empty());
}

}  // namespace
}  // namespace cronc
