#pragma once
/// mariusbancila/croncpp behind a wall of its own: it also names its namespace `cron`, so only
/// croncpp_engine.cpp includes it, and the benchmark sees plain functions. Built only when CRONC_CRONCPP_DIR points
/// at a folder holding its croncpp.h (the project never ships its code; bench/run_schedule_bench.sh says how).

#include <cstdint>
#include <memory>
#include <string_view>

namespace croncpp_engine {

/// A parsed expression, owned.
class Expression {
 public:
  ~Expression();
  Expression(Expression&&) noexcept;
  /// The five cron fields (croncpp wants six: a seconds field of 0 goes in front); nullptr when croncpp refuses.
  static std::unique_ptr<Expression> parse(std::string_view five_fields);
  /// The first fire time strictly after `after` (Unix seconds, UTC), or -1 when croncpp finds none.
  std::int64_t next(std::int64_t after) const;

 private:
  struct Impl;
  explicit Expression(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Parses a six-field expression and throws the result away: what the parse benchmark times. False on refusal.
bool parse_only(std::string_view six_fields);

/// croncpp works in local time: makes this process's local time UTC, as cronc's next() is.
void use_utc();

}  // namespace croncpp_engine
