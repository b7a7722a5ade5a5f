#include "model/job_decl_json.hpp"

#include <nlohmann/json.hpp>

namespace cronc {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceLocation, file, line, column, offset)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceRange, begin, end)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StringArgument, present, constant, value, range, byte_locations)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Endpoint, kind, range, name, qualified_name, return_type, returns, parameters,
                                   internal_linkage, private_member, is_noexcept, extern_c, declaration,
                                   declaring_header, enclosing_namespace, class_name)

// nlohmann's macros above read enums as their integers; the cache key carries cronc's version, so an entry
// written by another version (where they might differ) is never read.
void to_json(nlohmann::json& json, const EveryArgument& every) {
  json = {{"text", every.text}, {"nanoseconds", nullptr}};
  if (every.nanoseconds) json["nanoseconds"] = *every.nanoseconds;
}

void from_json(const nlohmann::json& json, EveryArgument& every) {
  json.at("text").get_to(every.text);
  const nlohmann::json& nanoseconds = json.at("nanoseconds");
  every.nanoseconds.reset();
  if (!nanoseconds.is_null()) every.nanoseconds = nanoseconds.get<std::int64_t>();
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(JobDecl, scope, variable, name_range, doc, id, title, every, schedule,
                                   time_zone, endpoint)

nlohmann::json job_to_json(const JobDecl& job) { return job; }

JobDecl job_from_json(const nlohmann::json& json) { return json.get<JobDecl>(); }

}  // namespace cronc
