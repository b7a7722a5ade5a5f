#include "emit/depfile_emitter.hpp"

#include "scratch_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace cronc {
namespace {

TEST(DepfileEmitter, OneFileALineInOrder) {
  EXPECT_EQ(render_depfile("/build/shop.cron.cpp", {"/src/b.hpp", "/src/a.cpp"}),
            "/build/shop.cron.cpp: \\\n"
            "  /src/a.cpp \\\n"
            "  /src/b.hpp\n");
}

TEST(DepfileEmitter, NoFilesIsATargetAlone) { EXPECT_EQ(render_depfile("out.cpp", {}), "out.cpp:\n"); }

TEST(DepfileEmitter, SpacesHashesAndDollarsAreEscapedAsMakeReadsThem) {
  EXPECT_EQ(render_depfile("/my build/shop.cron.cpp", {"/my src/a b.hpp", "/src/#1/c#.hpp", "/src/$HOME/$$.hpp"}),
            "/my\\ build/shop.cron.cpp: \\\n"
            "  /my\\ src/a\\ b.hpp \\\n"
            "  /src/\\#1/c\\#.hpp \\\n"
            "  /src/$$HOME/$$$$.hpp\n");
}

TEST(DepfileEmitter, DotsAreRemovedWhenTheShorterPathIsTheSameFile) {
  testing::ScratchDir dir;
  std::string header = dir.write("include/c++/12/vector", "");
  std::string dotted = (dir.path() / "bin/../lib/gcc/../../include/./c++/12/vector").string();
  std::filesystem::create_directories(dir.path() / "bin");
  std::filesystem::create_directories(dir.path() / "lib/gcc");
  EXPECT_EQ(normalize_dependency(dotted), header);
  EXPECT_EQ(render_depfile("out.cpp", {dotted, header}), "out.cpp: \\\n  " + header + "\n");
}

TEST(DepfileEmitter, DotDotAfterASymbolicLinkIsKept) {
  testing::ScratchDir dir;
  dir.write("real/inner/jobs.hpp", "");
  dir.write("inner/jobs.hpp", "a different file");
  std::filesystem::create_directory_symlink(dir.path() / "real/inner", dir.path() / "link");
  // link/.. is real/, not the scratch folder: the lexical form names another file, so the path stays as it is.
  std::string through_link = (dir.path() / "link/../inner/jobs.hpp").string();
  EXPECT_EQ(normalize_dependency(through_link), through_link);
  std::string missing = (dir.path() / "link/../../gone.hpp").string();
  EXPECT_EQ(normalize_dependency(missing), missing);
}

TEST(DepfileEmitter, APathWithoutDotsIsUnchanged) {
  EXPECT_EQ(normalize_dependency("/no/such/file.hpp"), "/no/such/file.hpp");
  EXPECT_EQ(normalize_dependency("relative/file.hpp"), "relative/file.hpp");
}

}  // namespace
}  // namespace cronc
