#pragma once
/// What a rule is for, as reports that list the rules (SARIF's `tool.driver.rules`) describe it.

#include "diagnostics/diagnostic.hpp"

#include <string_view>

namespace cronc {

/// One entry of the diagnostics catalogue (docs/design.md, "Diagnostics"), by its stable ID.
struct RuleDescription {
  std::string_view id;       ///< `cron-every-divisor`
  std::string_view summary;  ///< one sentence: what the rule rejects
  std::string_view help;     ///< how to fix what it reports
  Severity level = Severity::error;
};

}  // namespace cronc
