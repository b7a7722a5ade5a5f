#include "dashboard/page.hpp"

#include "dashboard/page_html.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

namespace cron::dashboard {

namespace {

constexpr std::string_view kNonceMarker = "__CRON_NONCE__";
constexpr std::string_view kStateMarker = "__CRON_STATE__";

/// A fresh value for the CSP nonce of one response.
std::string make_nonce() {
  static thread_local std::random_device device;
  std::array<unsigned, 4> words{};
  for (unsigned& word : words) word = device();
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", words[0], words[1], words[2], words[3]);
}

void replace_all(std::string& text, std::string_view marker, std::string_view value) {
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size()))
    text.replace(at, marker.size(), value);
}

}  // namespace

std::string json_for_script(const nlohmann::json& value) {
  std::string text = dump(value);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    if (c == '<') safe += "\\u003c";
    else if (c == '>') safe += "\\u003e";
    else if (c == '&') safe += "\\u0026";
    else safe += c;
  }
  return safe;
}

Reply page_reply(const nlohmann::json& state) {
  std::string nonce = make_nonce();
  std::string html(kPageHtml);
  // The nonce before the state, so no marker inside the state's strings is ever replaced.
  replace_all(html, kNonceMarker, nonce);
  replace_all(html, kStateMarker, json_for_script(state));
  Reply reply{200, "text/html; charset=utf-8", std::move(html), {}};
  reply.headers.emplace_back("Content-Security-Policy",
                             fmt::format("default-src 'none'; script-src 'nonce-{0}'; style-src 'nonce-{0}'; "
                                         "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
                                         "frame-ancestors 'none'",
                                         nonce));
  return reply;
}

}  // namespace cron::dashboard
