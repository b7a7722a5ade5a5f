#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/job_id.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

namespace cronc {

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The byte where the ID stops being valid: past the 63rd character, the first character that is not a lowercase
/// letter (at the start) or not a lowercase letter, digit or dash (after it), or else the trailing dash.
std::size_t first_offending_byte(std::string_view id, cron::IdProblem problem) {
  if (problem == cron::IdProblem::too_long) return cron::kMaxIdLength;
  if (!is_lower(id.front())) return 0;
  auto invalid = std::find_if(id.begin(), id.end(), [](char c) { return !is_lower(c) && !is_digit(c) && c != '-'; });
  return invalid != id.end() ? static_cast<std::size_t>(invalid - id.begin()) : id.size() - 1;
}

/// The kebab-case spelling of an ID, for "did you mean". Words end at any byte but an ASCII letter or digit
/// (`Send_Welcome__Email`), before a capital that follows a lowercase letter or digit (`sendWelcomeEmail`, `v2Api`)
/// and before the last capital of an acronym followed by a lowercase letter (`HTTPServer` gives `http-server`);
/// they are lowercased and joined by single dashes. Digits stay with their word (`email2`). There is no
/// suggestion when the result is still no valid ID (`9lives` must start with a letter; too long; nothing left)
/// or the ID has non-ASCII bytes, which kebab-case could only drop.
std::optional<std::string> kebab_case(std::string_view id) {
  std::string kebab;
  bool word_ended = false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    if (!is_lower(c) && !is_upper(c) && !is_digit(c)) {
      word_ended = true;
      continue;
    }
    if (is_upper(c) && i > 0) {
      char previous = id[i - 1];
      bool next_is_lower = i + 1 < id.size() && is_lower(id[i + 1]);
      if (is_lower(previous) || is_digit(previous) || (is_upper(previous) && next_is_lower)) word_ended = true;
    }
    if (word_ended && !kebab.empty()) kebab += '-';
    word_ended = false;
    kebab += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (cron::check_id(kebab) != cron::IdProblem::none) return std::nullopt;
  return kebab;
}

std::string problem_message(std::string_view id, cron::IdProblem problem) {
  if (problem == cron::IdProblem::empty)
    return "job ID is empty; use 1-63 characters of lowercase letters, digits and dashes, such as "
           "'send-welcome-email'";
  if (problem == cron::IdProblem::too_long)
    return fmt::format("job ID '{}' is {} characters long; the limit is {}", id, id.size(), cron::kMaxIdLength);
  return fmt::format("job ID '{}' is not kebab-case; use lowercase letters, digits and dashes, starting with a letter",
                     id);
}

}  // namespace

void check_id_invalid(const JobDecl& job, DiagnosticSink& sink) {
  const StringArgument& id = job.id;
  if (!id.present || !id.constant) return;
  cron::IdProblem problem = cron::check_id(id.value);
  if (problem == cron::IdProblem::none) return;
  SourceRange range =
      problem == cron::IdProblem::empty ? id.range : id.bytes(first_offending_byte(id.value, problem), id.value.size());
  Diagnostic diagnostic = make_error(rule_id::id_invalid, problem_message(id.value, problem), range);
  if (auto kebab = kebab_case(id.value)) {
    SourceLocation literal = id.range.begin;
    diagnostic.notes.push_back({fmt::format("did you mean '{}'?", *kebab), {literal, literal}});
    if (auto fix = replace_literal(id, *kebab)) diagnostic.fixits.push_back(*std::move(fix));
  }
  sink.report(std::move(diagnostic));
}

}  // namespace cronc
