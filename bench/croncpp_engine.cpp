#include "croncpp_engine.hpp"

#include <croncpp.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace croncpp_engine {

struct Expression::Impl {
  cron::cronexpr expression;
};

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::unique_ptr<Expression> Expression::parse(std::string_view five_fields) {
  try {
    auto impl = std::make_unique<Impl>(Impl{cron::make_cron("0 " + std::string(five_fields))});
    return std::unique_ptr<Expression>(new Expression(std::move(impl)));
  } catch (const cron::bad_cronexpr&) {
    return nullptr;
  }
}

std::int64_t Expression::next(std::int64_t after) const {
  std::time_t next = cron::cron_next(impl_->expression, static_cast<std::time_t>(after));
  return next == cron::INVALID_TIME ? -1 : static_cast<std::int64_t>(next);
}

bool parse_only(std::string_view six_fields) {
  try {
    cron::cronexpr expression = cron::make_cron(six_fields);
    (void)expression;
    return true;
  } catch (const cron::bad_cronexpr&) {
    return false;
  }
}

void use_utc() {
  ::setenv("TZ", "UTC", 1);
  ::tzset();
}

}  // namespace croncpp_engine
