#pragma once
/// Compares generated text with a reviewed file in golden/, as docs/design.md asks for generated files. Run the
/// tests with CRONC_UPDATE_GOLDEN=1 in the environment to rewrite the files instead; review the diff like code.

#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace cronc::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool updating_golden_files() {
  const char* flag = std::getenv("CRONC_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

/// `diff -u` of the golden file and `actual`, for a failure message a reviewer can read.
inline std::string unified_diff(const std::filesystem::path& golden, const std::string& actual) {
  std::filesystem::path actual_file = std::filesystem::temp_directory_path() / (golden.filename().string() + ".actual");
  std::ofstream(actual_file, std::ios::binary) << actual;
  std::string diff = run_command("diff -u " + shell_quote(golden.string()) + " " + shell_quote(actual_file.string())).output;
  std::filesystem::remove(actual_file);
  return diff;
}

/// Expects `actual` to be byte for byte the golden file `name` (under CRONC_GOLDEN_DIR).
inline void expect_matches_golden(const std::string& name, const std::string& actual) {
  std::filesystem::path golden = std::filesystem::path(CRONC_GOLDEN_DIR) / name;
  if (updating_golden_files()) {
    std::ofstream(golden, std::ios::binary) << actual;
    std::printf("updated %s\n", golden.string().c_str());
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run with CRONC_UPDATE_GOLDEN=1";
  std::string expected = read_file(golden);
  EXPECT_TRUE(expected == actual) << name << " differs from the generated text (CRONC_UPDATE_GOLDEN=1 rewrites it):\n"
                                  << unified_diff(golden, actual);
}

}  // namespace cronc::testing
