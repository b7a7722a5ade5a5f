#include <cron/runtime.hpp>

#include <cstdlib>

namespace cron {

Options Options::with_environment() && {
  if (const char* value = std::getenv("CRON_STORE"); value != nullptr && *value != '\0') store = value;
  if (const char* value = std::getenv("CRON_DASHBOARD"); value != nullptr) dashboard = value;
  if (const char* value = std::getenv("CRON_DASHBOARD_TOKEN"); value != nullptr) dashboard_token = value;
  if (const char* value = std::getenv("CRON_DISABLED"); value != nullptr)
    disabled = std::string_view(value) == "1" || std::string_view(value) == "true";
  return std::move(*this);
}

}  // namespace cron
