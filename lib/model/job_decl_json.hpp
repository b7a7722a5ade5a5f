#pragma once
/// JobDecl as JSON and back, every field kept, for the per-unit analysis cache (lib/analysis/unit_cache.hpp).

#include "model/job_decl.hpp"

#include <nlohmann/json_fwd.hpp>

namespace cronc {

nlohmann::json job_to_json(const JobDecl& job);

/// Throws nlohmann::json::exception when `json` is not a JobDecl as job_to_json writes it.
JobDecl job_from_json(const nlohmann::json& json);

}  // namespace cronc
