#pragma once
/// The job ID rule, shared by the header's compile-time check and the analyzer: 1-63 characters of kebab-case,
/// `^[a-z]([-a-z0-9]*[a-z0-9])?$`, so an ID is also a valid Kubernetes name and systemd unit name.

#include <cstdint>
#include <string_view>

namespace cron {

inline constexpr std::size_t kMaxIdLength = 63;

enum class IdProblem : std::uint8_t { none, empty, too_long, not_kebab_case };

constexpr IdProblem check_id(std::string_view id) {
  if (id.empty()) return IdProblem::empty;
  if (id.size() > kMaxIdLength) return IdProblem::too_long;
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!lower(id.front()) || id.back() == '-') return IdProblem::not_kebab_case;
  for (char c : id)
    if (!lower(c) && !digit(c) && c != '-') return IdProblem::not_kebab_case;
  return IdProblem::none;
}

}  // namespace cron
