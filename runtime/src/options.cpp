#include <cron/runtime.hpp>

#include <cstdlib>

namespace cron {

Options Options::with_environment() && {
  if (const char* value = std::getenv("CRON_STORE"); value != nullptr && *value != '\0') store = value;
  if (const char* value = std::getenv("CRON_DASHBOARD"); value != nullptr) dashboard = value;
  if (const char* value = std::getenv("CRON_DASHBOARD_TOKEN"); value != nullptr) dashboard_token = value;
  if (const char* value = std::getenv("CRON_DISABLED"); value != nullptr)
    disabled = std::string_view(value) == "1" || std::string_view(value) == "true";
  auto apply = [this](const auto& setting, auto& field) {
    if (setting.value) field = *setting.value;
    else if (environment_error.empty()) environment_error = setting.error;
  };
  if (const char* value = std::getenv("CRON_HISTORY_KEEP"); value != nullptr)
    apply(parse_history_keep(value), history.keep_per_job);
  if (const char* value = std::getenv("CRON_HISTORY_MAX_AGE"); value != nullptr)
    apply(parse_history_max_age(value), history.max_age);
  return std::move(*this);
}

}  // namespace cron
