#include "dashboard/request_frame.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

namespace cron::dashboard {

namespace {

constexpr std::string_view kCrlf = "\r\n";

/// The methods httplib parses; anything else is 405 here, as the routes would answer a known method they lack.
constexpr std::array<std::string_view, 7> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

/// A chunk-size line longer than this is not a size.
constexpr std::size_t kMaxChunkLine = 256;

bool is_token(std::string_view text) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != std::string_view::npos;
  });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::uint64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

Frame refused(Frame frame, int status, std::string message) {
  frame.result = Frame::Result::refused;
  frame.status = status;
  frame.message = std::move(message);
  return frame;
}

std::string too_large(const FrameLimits& limits) {
  return "the request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes";
}

/// Parses `METHOD TARGET HTTP/1.x` into `frame`; false when it is not one.
bool parse_request_line(std::string_view line, Frame& frame) {
  auto first = line.find(' ');
  auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) return false;
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  if (!is_token(method) || target.empty() || (version != "HTTP/1.1" && version != "HTTP/1.0")) return false;
  frame.method = std::string(method);
  frame.path = std::string(target.substr(0, target.find('?')));
  return true;
}

/// Frames a chunked body that starts at `at`; `frame` has the head's fields.
Frame frame_chunked(std::string_view received, std::size_t at, const FrameLimits& limits, Frame frame) {
  std::uint64_t body = 0;
  while (true) {
    auto line_end = received.find(kCrlf, at);
    if (line_end == std::string_view::npos) {
      if (received.size() - at > kMaxChunkLine) return refused(std::move(frame), 400, "a chunk size line is too long");
      return frame;
    }
    std::string_view line = received.substr(at, line_end - at);
    std::string_view digits = trim(line.substr(0, line.find(';')));
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c));
        }))
      return refused(std::move(frame), 400, "a chunk size is not a hexadecimal number");
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > 8) return refused(std::move(frame), 413, too_large(limits));
    std::uint64_t size = std::stoull(std::string(digits), nullptr, 16);
    at = line_end + kCrlf.size();
    if (size == 0) break;
    body += size;
    if (body > limits.max_body_bytes) return refused(std::move(frame), 413, too_large(limits));
    if (received.size() < at + size + kCrlf.size()) return frame;
    if (received.substr(at + size, kCrlf.size()) != kCrlf)
      return refused(std::move(frame), 400, "a chunk is longer than its size says");
    at += size + kCrlf.size();
  }
  // Trailer fields, then an empty line.
  std::size_t trailers = at;
  while (true) {
    auto line_end = received.find(kCrlf, at);
    if (line_end == std::string_view::npos) {
      if (received.size() - trailers > limits.max_head_bytes)
        return refused(std::move(frame), 431, "the trailers are longer than " +
                                                  std::to_string(limits.max_head_bytes) + " bytes");
      return frame;
    }
    bool last = line_end == at;
    at = line_end + kCrlf.size();
    if (last) break;
  }
  frame.result = Frame::Result::complete;
  frame.size = at;
  return frame;
}

}  // namespace

Frame frame_request(std::string_view received, const FrameLimits& limits) {
  Frame frame;
  auto line_end = received.find(kCrlf);
  auto head_end = received.find("\r\n\r\n");
  if (line_end != std::string_view::npos && !parse_request_line(received.substr(0, line_end), frame))
    return refused(std::move(frame), 400, "the request line is not METHOD TARGET HTTP/1.1");
  if ((line_end == std::string_view::npos ? received.size() : line_end) > limits.max_head_bytes)
    return refused(std::move(frame), 414, "the request line is longer than " +
                                              std::to_string(limits.max_head_bytes) + " bytes");
  bool head_arrived = head_end != std::string_view::npos;
  if ((head_arrived ? head_end + 4 : received.size()) > limits.max_head_bytes)
    return refused(std::move(frame), 431, "the request line and headers are longer than " +
                                              std::to_string(limits.max_head_bytes) + " bytes");
  if (!head_arrived) return frame;
  if (std::find(kMethods.begin(), kMethods.end(), frame.method) == kMethods.end())
    return refused(std::move(frame), 405, frame.method + " is not a method the dashboard takes");

  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  for (std::size_t at = line_end + kCrlf.size(); at < head_end + kCrlf.size();) {
    auto end = received.find(kCrlf, at);
    std::string_view line = received.substr(at, end - at);
    at = end + kCrlf.size();
    auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return refused(std::move(frame), 400, "a header line is not NAME: VALUE");
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (equals_ignoring_case(name, "Content-Length")) {
      auto length = decimal(value);
      if (!length)
        return refused(std::move(frame), 400, "Content-Length '" + std::string(value) + "' is not a number of bytes");
      if (content_length && *content_length != *length)
        return refused(std::move(frame), 400, "the request has two different Content-Length headers");
      content_length = length;
    } else if (equals_ignoring_case(name, "Transfer-Encoding")) {
      if (!equals_ignoring_case(value, "chunked") || chunked)
        return refused(std::move(frame), 501, "Transfer-Encoding '" + std::string(value) +
                                                  "' is not supported; send the body with Content-Length");
      chunked = true;
    }
  }
  if (chunked && content_length)
    return refused(std::move(frame), 400, "a request cannot have both Content-Length and Transfer-Encoding");

  std::size_t body_start = head_end + 4;
  if (chunked) return frame_chunked(received, body_start, limits, std::move(frame));
  std::uint64_t length = content_length.value_or(0);
  if (length > limits.max_body_bytes) return refused(std::move(frame), 413, too_large(limits));
  if (received.size() < body_start + length) return frame;
  frame.result = Frame::Result::complete;
  frame.size = body_start + static_cast<std::size_t>(length);
  return frame;
}

}  // namespace cron::dashboard
