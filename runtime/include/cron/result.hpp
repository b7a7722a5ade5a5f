#pragma once
/// A constexpr-friendly value-or-ParseError, so parsers never throw and work in constant evaluation.

#include <cron/parse_error.hpp>

namespace cron {

/// The outcome of parsing user input: a value, or the error that says why there is none.
template <class T>
class Result {
 public:
  constexpr Result(T value) : value_(value), ok_(true) {}
  constexpr Result(ParseError error) : error_(error), ok_(false) {}

  constexpr explicit operator bool() const { return ok_; }
  constexpr const T& value() const { return value_; }
  constexpr const ParseError& error() const { return error_; }

 private:
  T value_{};
  ParseError error_{};
  bool ok_ = false;
};

}  // namespace cron
