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

std::string render_response(const Reply& reply) {
  static constexpr std::pair<int, std::string_view> kReasons[] = {
      {400, "Bad Request"},     {404, "Not Found"},         {405, "Method Not Allowed"},
      {408, "Request Timeout"}, {413, "Content Too Large"}, {414, "URI Too Long"},
      {431, "Request Header Fields Too Large"},             {501, "Not Implemented"},
      {503, "Service Unavailable"}};
  std::string_view reason = "Error";
  for (const auto& [status, text] : kReasons)
    if (status == reply.status) reason = text;
  std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + std::string(reason) + "\r\n";
  auto header = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  for (const auto& [name, value] : kCommonHeaders) header(name, value);
  for (const auto& [name, value] : reply.headers) header(name, value);
  header("Content-Type", reply.content_type);
  header("Content-Length", std::to_string(reply.body.size()));
  header("Connection", "close");
  return out + "\r\n" + reply.body;
}

Reply error_reply(std::string_view path, int status, std::string message) {
  if (path.starts_with("/cron/api/")) return json_error(status, std::move(message));
  return text_reply(status, std::move(message));
}

}  // namespace cron::dashboard
