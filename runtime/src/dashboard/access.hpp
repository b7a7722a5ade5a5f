#pragma once
/// Who may use the dashboard: the token, the Host header on a loopback address, and cross-site POSTs.

#include "dashboard/reply.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cron::dashboard {

struct AccessPolicy {
  std::string token;     ///< empty: no token
  bool loopback = true;  ///< the dashboard listens on a loopback address

  /// A POST may run a job: always with a token (it was checked), and without one only on loopback.
  bool runs_allowed() const { return !token.empty() || loopback; }
};

/// The parts of a request the policy looks at (empty when the header is absent).
struct RequestFacts {
  std::string_view method;
  std::string_view path;
  std::string_view host;           ///< the Host header
  std::string_view authorization;  ///< the Authorization header
  std::string_view origin;         ///< the Origin header a browser sends with a POST
};

/// Why a request is refused (401, 403), or nothing when it may go on to routing. In order:
/// - on a loopback address, a Host header that names another host is refused (DNS rebinding);
/// - with a token, a request without `Authorization: Bearer TOKEN` or Basic auth with TOKEN as the password is
///   refused with 401 and a challenge a browser answers with a login dialog;
/// - a POST is refused when runs are not allowed (no token, not loopback) or when a browser sends it from
///   another origin (cross-site request forgery).
std::optional<Reply> refuse(const AccessPolicy& policy, const RequestFacts& request);

}  // namespace cron::dashboard
