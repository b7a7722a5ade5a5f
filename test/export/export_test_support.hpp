#pragma once
/// What the export tests share: the test manifest and a scratch folder.

#include "export/manifest_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cronc::testing {

/// The jobs of test/export/jobs.cron.json: every schedule shape an exporter has to spell.
inline std::vector<ManifestJob> test_jobs() {
  std::vector<ManifestJob> jobs;
  std::string error;
  EXPECT_TRUE(read_manifest(CRONC_EXPORT_MANIFEST, jobs, error)) << error;
  return jobs;
}

/// The test manifest's job `id`.
inline ManifestJob test_job(const std::string& id) {
  for (ManifestJob& job : test_jobs())
    if (job.id == id) return job;
  ADD_FAILURE() << "no job " << id << " in " << CRONC_EXPORT_MANIFEST;
  return {};
}

/// A fresh, empty folder for this test, under the system's temporary folder.
inline std::filesystem::path scratch_folder() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  auto folder = std::filesystem::temp_directory_path() / "cronc-export-tests" /
                (std::string(test->test_suite_name()) + "." + test->name());
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace cronc::testing
