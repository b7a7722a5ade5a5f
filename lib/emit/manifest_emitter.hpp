#pragma once
/// The JSON manifest (docs/design.md): the jobs, sorted by ID, as other tools and `cronc export` read them.

#include "model/job_decl.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cronc {

/// The schema version written (schema/manifest.schema.json); 2 added `time_zone` and the per-job policy fields.
inline constexpr int kManifestVersion = 2;

/// The manifest's bytes: deterministic (jobs sorted by ID, paths relative to `root`), ending in a newline.
/// `jobs` must be valid (the analysis found no errors).
std::string render_manifest(const std::vector<JobDecl>& jobs, std::string_view root);

/// The `schedule` tag Encore-style: `every:120` or `schedule:0 4 15 * *`.
std::string schedule_tag(const JobDecl& job);

/// `path` relative to `root` when it is under it; unchanged otherwise.
std::string relative_to(std::string_view path, std::string_view root);

}  // namespace cronc
