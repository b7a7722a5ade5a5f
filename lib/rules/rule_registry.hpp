#pragma once
/// The diagnostics catalogue (docs/design.md) as data: what the CLI lists, SARIF describes as its rules and the
/// analysis runs over each declaration.

#include "rules/checks.hpp"

#include <span>
#include <string_view>

namespace cronc {

/// One rule of the catalogue.
struct Rule {
  std::string_view id;       ///< the stable ID, `cron-every-divisor`
  std::string_view summary;  ///< when it fires, in one line
  std::string_view help;     ///< how to fix it
  /// Checks one declaration; nullptr for cron-id-duplicate, which needs the whole program (check_duplicate_ids).
  void (*check)(const JobDecl&, DiagnosticSink&);
  Severity level = Severity::error;  ///< what it reports: cron-schedule-dst warns, the rest are errors
};

/// Every rule, in catalogue order.
std::span<const Rule> all_rules();

/// Runs every per-declaration rule over `job`.
void check_declaration(const JobDecl& job, DiagnosticSink& sink);

}  // namespace cronc
