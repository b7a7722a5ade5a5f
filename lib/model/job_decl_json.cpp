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
void to_json(nlohmann::json& json, const DurationArgument& every) {
  json = {{"text", every.text}, {"nanoseconds", nullptr}};
  if (every.nanoseconds) json["nanoseconds"] = *every.nanoseconds;
}

void from_json(const nlohmann::json& json, DurationArgument& every) {
  json.at("text").get_to(every.text);
  const nlohmann::json& nanoseconds = json.at("nanoseconds");
  every.nanoseconds.reset();
  if (!nanoseconds.is_null()) every.nanoseconds = nanoseconds.get<std::int64_t>();
}

template <class T>
void to_json(nlohmann::json& json, const ValueArgument<T>& argument) {
  json = {{"present", argument.present}, {"constant", argument.constant}, {"literal", argument.literal},
          {"value", argument.value}, {"range", argument.range}};
}

template <class T>
void from_json(const nlohmann::json& json, ValueArgument<T>& argument) {
  json.at("present").get_to(argument.present);
  json.at("constant").get_to(argument.constant);
  json.at("literal").get_to(argument.literal);
  json.at("value").get_to(argument.value);
  json.at("range").get_to(argument.range);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(JobDecl, scope, variable, name_range, doc, id, title, every, schedule,
                                   time_zone, endpoint, timeout, retries, overlap, catch_up, jitter)

nlohmann::json job_to_json(const JobDecl& job) { return job; }

JobDecl job_from_json(const nlohmann::json& json) { return json.get<JobDecl>(); }

}  // namespace cronc
