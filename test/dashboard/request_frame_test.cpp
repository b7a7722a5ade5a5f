// frame_request(): where a request ends in the bytes received so far, and what it refuses before httplib sees it.

#include "dashboard/request_frame.hpp"

#include <gtest/gtest.h>

namespace cron::dashboard {
namespace {

using Result = Frame::Result;

Frame frame(std::string_view received) { return frame_request(received, FrameLimits{}); }

TEST(RequestFrameTest, WaitsForTheWholeHead) {
  EXPECT_EQ(frame("").result, Result::incomplete);
  EXPECT_EQ(frame("GET /cron HT").result, Result::incomplete);
  Frame partial = frame("GET /cron?x=1 HTTP/1.1\r\nHost: a\r\n");
  EXPECT_EQ(partial.result, Result::incomplete);
  EXPECT_EQ(partial.method, "GET");
  EXPECT_EQ(partial.path, "/cron");
  Frame whole = frame("GET /cron HTTP/1.1\r\nHost: a\r\n\r\nGET /next");
  EXPECT_EQ(whole.result, Result::complete);
  EXPECT_EQ(whole.size, std::string_view("GET /cron HTTP/1.1\r\nHost: a\r\n\r\n").size());
  EXPECT_EQ(frame("GET /cron HTTP/1.0\r\n\r\n").result, Result::complete);
}

TEST(RequestFrameTest, WaitsForABodyOfContentLength) {
  std::string head = "POST /cron/api/jobs/a/pause HTTP/1.1\r\nContent-Length:  5 \r\n\r\n";
  EXPECT_EQ(frame(head + "hell").result, Result::incomplete);
  Frame whole = frame(head + "hello!");
  EXPECT_EQ(whole.result, Result::complete);
  EXPECT_EQ(whole.size, head.size() + 5);
  EXPECT_EQ(frame("POST /a HTTP/1.1\r\ncontent-length: 2\r\nContent-Length: 2\r\n\r\nhi").result, Result::complete);
  EXPECT_EQ(frame("POST /a HTTP/1.1\r\n\r\n").result, Result::complete) << "no length: no body";
}

TEST(RequestFrameTest, WaitsForTheLastChunkAndTrailers) {
  std::string head = "POST /a HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n";
  EXPECT_EQ(frame(head + "5\r\nhel").result, Result::incomplete);
  EXPECT_EQ(frame(head + "5\r\nhello\r\n").result, Result::incomplete);
  EXPECT_EQ(frame(head + "5\r\nhello\r\n0\r\n").result, Result::incomplete);
  EXPECT_EQ(frame(head + "5\r\nhello\r\n0\r\nX-Sum: 1\r\n").result, Result::incomplete);
  std::string body = "5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n";
  Frame whole = frame(head + body + "GET");
  EXPECT_EQ(whole.result, Result::complete);
  EXPECT_EQ(whole.size, head.size() + body.size());
}

void expect_refused(std::string_view received, int status, std::string_view message,
                    const FrameLimits& limits = {}) {
  Frame refused = frame_request(received, limits);
  EXPECT_EQ(refused.result, Result::refused) << received;
  EXPECT_EQ(refused.status, status) << received;
  EXPECT_EQ(refused.message, message) << received;
}

TEST(RequestFrameTest, RefusesAMalformedRequestLineOrHeader) {
  expect_refused("\x16\x03\x01\x02\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1");
  expect_refused("GET /cron\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1");
  expect_refused("GET  /cron HTTP/1.1\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1");
  expect_refused("GET /cron HTTP/2\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1");
  expect_refused("GET /cron HTTP/1.1\r\nno colon\r\n\r\n", 400, "a header line is not NAME: VALUE");
  expect_refused("GET /cron HTTP/1.1\r\n folded: x\r\n\r\n", 400, "a header line is not NAME: VALUE");
}

TEST(RequestFrameTest, RefusesAMalformedContentLength) {
  for (std::string value : {"abc", "", "-1", "1e3", "0x10", "12 3", "99999999999999999999"})
    expect_refused("POST /a HTTP/1.1\r\nContent-Length: " + value + "\r\n\r\n", 400,
                   "Content-Length '" + value + "' is not a number of bytes");
  expect_refused("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400,
                 "the request has two different Content-Length headers");
  expect_refused("POST /a HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                 "a request cannot have both Content-Length and Transfer-Encoding");
}

TEST(RequestFrameTest, RefusesAnUnknownMethodOnceTheHeadHasArrived) {
  EXPECT_EQ(frame("TRACE /cron HTTP/1.1\r\n").result, Result::incomplete);
  Frame trace = frame("TRACE /cron HTTP/1.1\r\n\r\n");
  EXPECT_EQ(trace.status, 405);
  EXPECT_EQ(trace.message, "TRACE is not a method the dashboard takes");
  EXPECT_EQ(trace.path, "/cron");
  for (std::string method : {"CONNECT", "PROPFIND", "get"})
    EXPECT_EQ(frame(method + " /cron HTTP/1.1\r\n\r\n").status, 405) << method;
}

TEST(RequestFrameTest, BoundsTheBodyWhateverItsEncoding) {
  FrameLimits limits{.max_head_bytes = 8192, .max_body_bytes = 10};
  EXPECT_EQ(frame_request("POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", limits).result,
            Result::complete);
  expect_refused("POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 413, "the request body is larger than 10 bytes",
                 limits);
  std::string chunked = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(frame_request(chunked + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", limits).result, Result::complete);
  // Refused as soon as the sizes add up to more, before the data arrives.
  expect_refused(chunked + "5\r\n01234\r\n6\r\n", 413, "the request body is larger than 10 bytes", limits);
  expect_refused(chunked + "1000000000000\r\n", 413, "the request body is larger than 10 bytes", limits);
  EXPECT_EQ(frame_request(chunked + "00000000000000000005\r\n012", limits).result, Result::incomplete)
      << "leading zeros are still a small size";
}

TEST(RequestFrameTest, RefusesMalformedChunksAndOtherCodings) {
  std::string chunked = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  expect_refused(chunked + "xyz\r\n", 400, "a chunk size is not a hexadecimal number");
  expect_refused(chunked + "\r\n", 400, "a chunk size is not a hexadecimal number");
  expect_refused(chunked + "3\r\nhello\r\n", 400, "a chunk is longer than its size says");
  expect_refused(chunked + std::string(300, '1'), 400, "a chunk size line is too long");
  expect_refused("POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
                 "Transfer-Encoding 'gzip, chunked' is not supported; send the body with Content-Length");
}

TEST(RequestFrameTest, BoundsTheHead) {
  FrameLimits limits{.max_head_bytes = 64, .max_body_bytes = 10};
  expect_refused("GET /" + std::string(70, 'x'), 414, "the request line is longer than 64 bytes", limits);
  expect_refused("GET /cron HTTP/1.1\r\nX-Pad: " + std::string(60, 'x'), 431,
                 "the request line and headers are longer than 64 bytes", limits);
  expect_refused("GET /cron HTTP/1.1\r\nX-Pad: " + std::string(36, 'x') + "\r\n\r\n", 431,
                 "the request line and headers are longer than 64 bytes", limits);
  std::string chunked = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
  expect_refused(chunked + "X-Trailer: " + std::string(60, 'x'), 431, "the trailers are longer than 64 bytes",
                 limits);
}

}  // namespace
}  // namespace cron::dashboard
