#pragma once
/// The dashboard's `HOST:PORT`, and whether it is loopback (which decides what needs a token).

#include <optional>
#include <string>
#include <string_view>

namespace cron::dashboard {

struct ListenAddress {
  std::string host;  ///< as given, without the brackets of an IPv6 address
  int port = 0;      ///< 0: any free port
  bool loopback = false;
};

/// Parses `HOST:PORT` or `[IPV6]:PORT`; empty for anything else (no host, no port, a port above 65535).
std::optional<ListenAddress> parse_listen_address(std::string_view text);

/// Whether a host name or address only ever reaches this machine: `localhost`, 127.0.0.0/8, `::1`.
bool is_loopback_host(std::string_view host);

/// The host of a Host header value (`127.0.0.1:8080`, `[::1]:8080`, `localhost`), without port or brackets.
std::string_view host_of(std::string_view host_header);

}  // namespace cron::dashboard
