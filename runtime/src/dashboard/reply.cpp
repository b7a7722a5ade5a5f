#include "dashboard/reply.hpp"

namespace cron::dashboard {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Reply json_reply(int status, const nlohmann::json& body) { return {status, "application/json", dump(body), {}}; }

Reply json_error(int status, std::string message) {
  return json_reply(status, nlohmann::json{{"error", std::move(message)}});
}

Reply text_reply(int status, std::string body) {
  return {status, "text/plain; charset=utf-8", std::move(body) + "\n", {}};
}

Reply error_reply(std::string_view path, int status, std::string message) {
  if (path.starts_with("/cron/api/")) return json_error(status, std::move(message));
  return text_reply(status, std::move(message));
}

}  // namespace cron::dashboard
