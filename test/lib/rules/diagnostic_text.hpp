#pragma once
/// Diagnostics as text, one line a part, so a rule test states everything a rule reports (rule, message, range,
/// notes, fix-its) in one exact expectation, and nothing reported is the empty string:
///
///   jobs.cpp:12:15-12:17: error: interval '13m' does not divide 24 hours evenly [cron-every-divisor]
///   note: the nearest valid intervals are "12m" and "15m"
///   jobs.cpp:12:15-12:18: fix-it: "12m"
///
/// A note without a location has none in front.

#include "diagnostics/diagnostic_sink.hpp"
#include "model/job_decl.hpp"

#include <string>
#include <vector>

namespace cronc::test {

/// "file:line:column-line:column".
inline std::string where(const SourceRange& range) {
  return range.begin.file + ":" + std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column) + "-" +
         std::to_string(range.end.line) + ":" + std::to_string(range.end.column);
}

inline std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    constexpr const char* kSeverities[] = {"error", "warning", "note"};
    text += where(diagnostic.range) + ": " + kSeverities[static_cast<int>(diagnostic.severity)] + ": " +
            diagnostic.message + " [" + diagnostic.rule + "]\n";
    for (const Note& note : diagnostic.notes)
      text += (note.range.valid() ? where(note.range) + ": " : "") + "note: " + note.message + "\n";
    for (const FixIt& fixit : diagnostic.fixits)
      text += where(fixit.range) + ": fix-it: \"" + fixit.replacement + "\"\n";
  }
  return text;
}

/// What `check` reports for `job`, as text.
template <class Check>
std::string diagnose(Check check, const JobDecl& job) {
  DiagnosticSink sink;
  check(job, sink);
  return render(sink.sorted());
}

}  // namespace cronc::test
