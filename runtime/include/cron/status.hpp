#pragma once
/// What an endpoint returns: success, or failure with a message that is recorded with the execution.

#include <string>
#include <utility>

namespace cron {

/// An endpoint's outcome. Endpoints may also return void (success) or throw (failure with the exception's text).
class Status {
 public:
  /// Success.
  Status() = default;
  static Status success() { return Status(); }
  static Status failure(std::string message) { return Status(std::move(message)); }

  bool ok() const { return ok_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : ok_(false), message_(std::move(message)) {}

  bool ok_ = true;
  std::string message_;
};

}  // namespace cron
