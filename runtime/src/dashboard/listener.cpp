#include "dashboard/listener.hpp"

#include <httplib.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace cron::dashboard {

namespace {

using Clock = std::chrono::steady_clock;

/// Bytes read from a connection at a time.
constexpr std::size_t kReadChunk = 16 * 1024;
/// After a refusal, the listener reads (and drops) what the client still sends for this long or this many bytes,
/// so the client reads the refusal instead of a connection reset; then it closes.
constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::size_t kLingerBytes = 256 * 1024;

void close_socket(int socket) {
  if (socket >= 0) ::close(socket);
}

/// The numeric address and port of a socket's end, as httplib reports them.
void address_of(const sockaddr_storage& address, std::string& host, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  host = text;
}

/// A connection whose request has not arrived in full, or that lingers after a refusal.
struct Pending {
  int socket = -1;
  Clock::time_point deadline;
  std::string bytes;
  bool lingering = false;
  std::size_t dropped = 0;
  sockaddr_storage peer{};
};

}  // namespace

struct Listener::State {
  State(ListenerOptions options, Answer answer, Refusal refusal)
      : options(std::move(options)), answer(std::move(answer)), refusal(std::move(refusal)),
        workers(std::max<std::size_t>(1, this->options.threads)) {}

  void accept_all();
  /// Reads what `pending` sent; false when it is done with (handed to a worker or closed).
  bool receive(Pending& pending);
  /// Answers `frame`'s refusal and lets the connection linger.
  void refuse(Pending& pending, const Frame& frame);
  void hand_over(Pending& pending, std::size_t size);
  void close(Pending& pending);

  ListenerOptions options;
  Answer answer;
  Refusal refusal;
  int listening = -1;
  int wake_read = -1;
  int wake_write = -1;
  std::vector<Pending> pending;
  /// Connections open: pending, queued for a worker or being answered.
  std::atomic<std::size_t> open{0};
  httplib::ThreadPool workers;
};

Listener::Listener(ListenerOptions options, Answer answer, Refusal refusal)
    : state_(std::make_unique<State>(std::move(options), std::move(answer), std::move(refusal))) {
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_NONBLOCK | O_CLOEXEC) == 0) {
    state_->wake_read = pipe_ends[0];
    state_->wake_write = pipe_ends[1];
  }
}

Listener::~Listener() {
  state_->workers.shutdown();
  for (Pending& pending : state_->pending) close_socket(pending.socket);
  close_socket(state_->listening);
  close_socket(state_->wake_read);
  close_socket(state_->wake_write);
}

int Listener::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0) {
    errno = EADDRNOTAVAIL;
    return -1;
  }
  int error = EADDRNOTAVAIL;
  for (addrinfo* candidate = found; candidate; candidate = candidate->ai_next) {
    int socket = ::socket(candidate->ai_family, candidate->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          candidate->ai_protocol);
    if (socket < 0) continue;
    // SO_REUSEADDR only: SO_REUSEPORT would let a second process silently share the port.
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(socket, candidate->ai_addr, candidate->ai_addrlen) == 0 && ::listen(socket, SOMAXCONN) == 0) {
      state_->listening = socket;
      break;
    }
    error = errno;
    close_socket(socket);
  }
  ::freeaddrinfo(found);
  if (state_->listening < 0) {
    errno = error;
    return -1;
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(state_->listening, reinterpret_cast<sockaddr*>(&bound), &length);
  std::string address;
  int bound_port = 0;
  address_of(bound, address, bound_port);
  return bound_port;
}

void Listener::stop() {
  char byte = 0;
  [[maybe_unused]] auto written = ::write(state_->wake_write, &byte, 1);
}

void Listener::run() {
  State& s = *state_;
  std::vector<pollfd> polled;
  while (true) {
    polled.assign({{s.listening, POLLIN, 0}, {s.wake_read, POLLIN, 0}});
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds(-1);
    for (const Pending& pending : s.pending) {
      polled.push_back({pending.socket, POLLIN, 0});
      auto left = std::chrono::ceil<std::chrono::milliseconds>(pending.deadline - now);
      left = std::max(left, std::chrono::milliseconds(0));
      if (wait.count() < 0 || left < wait) wait = left;
    }
    int ready = ::poll(polled.data(), polled.size(), static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) break;
    if (polled[1].revents != 0) break;

    // Pending connections are in the order they were polled; new ones are added after.
    now = Clock::now();
    std::vector<Pending> kept;
    kept.reserve(s.pending.size());
    for (std::size_t i = 0; i < s.pending.size(); ++i) {
      Pending& pending = s.pending[i];
      if (polled[i + 2].revents != 0 && !s.receive(pending)) continue;
      if (now >= pending.deadline) {
        if (pending.lingering) {
          s.close(pending);
          continue;
        }
        Frame late = frame_request(pending.bytes, s.options.frame);
        late.status = 408;
        late.message = "the request did not arrive within " + std::to_string(s.options.request_timeout.count()) +
                       " ms";
        s.refuse(pending, late);
      }
      kept.push_back(std::move(pending));
    }
    s.pending = std::move(kept);
    if (polled[0].revents != 0) s.accept_all();
  }
}

void Listener::State::accept_all() {
  while (true) {
    Pending pending;
    socklen_t length = sizeof pending.peer;
    pending.socket =
        ::accept4(listening, reinterpret_cast<sockaddr*>(&pending.peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (pending.socket < 0) return;  // EAGAIN: all taken; anything else: the next poll tells again
    if (open >= options.max_connections) {
      Frame busy;
      busy.status = 503;
      busy.message = "the dashboard has " + std::to_string(options.max_connections) +
                     " connections open, its limit; try again";
      std::string response = refusal(busy);
      [[maybe_unused]] auto sent = ::send(pending.socket, response.data(), response.size(), MSG_NOSIGNAL);
      // What the client sent already is dropped, so closing does not reset the connection before it reads.
      char dropped[kReadChunk];
      while (::recv(pending.socket, dropped, sizeof dropped, MSG_DONTWAIT) > 0) {
      }
      ::shutdown(pending.socket, SHUT_WR);
      close_socket(pending.socket);
      continue;
    }
    ++open;
    pending.deadline = Clock::now() + options.request_timeout;
    this->pending.push_back(std::move(pending));
  }
}

bool Listener::State::receive(Pending& pending) {
  char buffer[kReadChunk];
  ssize_t got = ::recv(pending.socket, buffer, sizeof buffer, MSG_DONTWAIT);
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
  if (got <= 0) {
    close(pending);
    return false;
  }
  if (pending.lingering) {
    pending.dropped += static_cast<std::size_t>(got);
    if (pending.dropped <= kLingerBytes) return true;
    close(pending);
    return false;
  }
  pending.bytes.append(buffer, static_cast<std::size_t>(got));
  Frame frame = frame_request(pending.bytes, options.frame);
  switch (frame.result) {
    case Frame::Result::incomplete:
      return true;
    case Frame::Result::refused:
      refuse(pending, frame);
      return true;
    case Frame::Result::complete:
      hand_over(pending, frame.size);
      return false;
  }
  return true;
}

void Listener::State::refuse(Pending& pending, const Frame& frame) {
  std::string response = refusal(frame);
  [[maybe_unused]] auto sent = ::send(pending.socket, response.data(), response.size(), MSG_NOSIGNAL);
  ::shutdown(pending.socket, SHUT_WR);
  pending.lingering = true;
  pending.bytes.clear();
  pending.deadline = Clock::now() + std::min(kLinger, options.request_timeout);
}

void Listener::State::hand_over(Pending& pending, std::size_t size) {
  ReceivedRequest request;
  request.socket = pending.socket;
  request.bytes = std::move(pending.bytes);
  request.bytes.resize(size);
  address_of(pending.peer, request.peer_address, request.peer_port);
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  ::getsockname(pending.socket, reinterpret_cast<sockaddr*>(&local), &length);
  address_of(local, request.local_address, request.local_port);
  workers.enqueue([this, request = std::move(request)] {
    answer(request);
    ::shutdown(request.socket, SHUT_WR);
    close_socket(request.socket);
    --open;
  });
}

void Listener::State::close(Pending& pending) {
  close_socket(pending.socket);
  pending.socket = -1;
  --open;
}

bool send_all(int socket, std::string_view bytes, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!bytes.empty()) {
    ssize_t sent = ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd writable{socket, POLLOUT, 0};
    if (::poll(&writable, 1, static_cast<int>(left.count())) <= 0) return false;
  }
  return true;
}

}  // namespace cron::dashboard
