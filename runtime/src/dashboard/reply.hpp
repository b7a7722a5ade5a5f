#pragma once
/// What a dashboard route answers, apart from the HTTP library, so routes and policies are plain functions.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cron::dashboard {

/// A response: status, body and the headers beyond the common ones the server adds.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// The headers every response carries.
inline const std::vector<std::pair<std::string, std::string>> kCommonHeaders = {
    {"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}};

/// Query parameters as the server parsed them (the same type as httplib::Params).
using Query = std::multimap<std::string, std::string>;

/// Serialises JSON as UTF-8; invalid UTF-8 in user strings (an exception's text) becomes U+FFFD instead of throwing.
std::string dump(const nlohmann::json& value);

Reply json_reply(int status, const nlohmann::json& body);
/// `{"error": message}` with `status`.
Reply json_error(int status, std::string message);
Reply text_reply(int status, std::string body);
/// The bytes of `reply` as a whole HTTP/1.1 response that closes the connection, for the requests the listener
/// answers itself (refused before they reach httplib).
std::string render_response(const Reply& reply);
/// An error as the path's clients read it: JSON under `/cron/api/`, plain text elsewhere.
Reply error_reply(std::string_view path, int status, std::string message);

}  // namespace cron::dashboard
