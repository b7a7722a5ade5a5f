#include "dashboard/access.hpp"

#include "dashboard/listen_address.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace cron::dashboard {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

/// Compares in time that depends on the lengths only, so a wrong token does not tell how much of it was right.
bool same_secret(std::string_view given, std::string_view expected) {
  if (expected.empty()) return false;
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return difference == 0;
}

/// A browser's Origin for a page on `host`, directly or behind a TLS-terminating proxy.
bool same_origin(std::string_view origin, std::string_view host) {
  return origin == "http://" + std::string(host) || origin == "https://" + std::string(host);
}

std::optional<std::string> decode_base64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string decoded;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      decoded.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return decoded;
}

/// The token an Authorization header carries: a Bearer token, or the password of Basic credentials.
std::optional<std::string> presented_token(std::string_view authorization) {
  while (!authorization.empty() && authorization.back() == ' ') authorization.remove_suffix(1);
  if (starts_with_ignoring_case(authorization, "Bearer ")) return std::string(authorization.substr(7));
  if (starts_with_ignoring_case(authorization, "Basic ")) {
    auto credentials = decode_base64(authorization.substr(6));
    if (!credentials) return std::nullopt;
    auto colon = credentials->find(':');
    if (colon == std::string::npos) return std::nullopt;
    return credentials->substr(colon + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Reply> refuse(const AccessPolicy& policy, const RequestFacts& request) {
  if (policy.loopback && !request.host.empty() && !is_loopback_host(host_of(request.host))) {
    return error_reply(request.path, 403,
                       "the dashboard listens on a loopback address and answers only requests for localhost, not '" +
                           std::string(request.host) + "'");
  }
  if (!policy.token.empty()) {
    auto token = presented_token(request.authorization);
    if (!token || !same_secret(*token, policy.token)) {
      Reply reply = error_reply(request.path, 401,
                                request.authorization.empty() ? "this dashboard needs its token: "
                                                                "Authorization: Bearer TOKEN"
                                                              : "the token is wrong");
      reply.headers.emplace_back("WWW-Authenticate", "Basic realm=\"cron\", charset=\"UTF-8\"");
      reply.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cron\"");
      return reply;
    }
  }
  if (request.method == "POST") {
    if (!policy.runs_allowed()) {
      return error_reply(request.path, 403,
                         "manual runs need a token when the dashboard listens on a non-loopback address: set "
                         "CRON_DASHBOARD_TOKEN");
    }
    if (!request.origin.empty() && !same_origin(request.origin, request.host)) {
      return error_reply(request.path, 403,
                         "a POST from another origin ('" + std::string(request.origin) + "') is refused");
    }
  }
  return std::nullopt;
}

}  // namespace cron::dashboard
