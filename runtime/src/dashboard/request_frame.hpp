#pragma once
/// Where one HTTP/1.1 request ends in the bytes received so far, or why it is refused, before any worker thread
/// sees it: the listener reads a request in full on its own thread (docs/dashboard.md, "Hostile clients").

#include <cstddef>
#include <string>
#include <string_view>

namespace cron::dashboard {

struct FrameLimits {
  std::size_t max_head_bytes = 8192;  ///< request line and headers, and separately the trailers of a chunked body
  std::size_t max_body_bytes = 1024;  ///< the body's bytes, decoded when chunked
};

struct Frame {
  enum class Result { incomplete, complete, refused };
  Result result = Result::incomplete;
  std::size_t size = 0;   ///< complete: the bytes of the request, head and body
  int status = 0;         ///< refused: 400, 405, 413, 414, 431 or 501
  std::string message;    ///< refused: what is wrong, for the client
  std::string method;     ///< once the request line has arrived
  std::string path;       ///< the target without its query, as sent
};

/// Frames the request at the start of `received`. Refuses what httplib would misread or buffer without bound: a
/// malformed request line or Content-Length, an unknown method (405), a body over the limit whatever its transfer
/// encoding (413), a request line (414) or head (431) over the limit, a transfer coding other than chunked (501).
Frame frame_request(std::string_view received, const FrameLimits& limits);

}  // namespace cron::dashboard
