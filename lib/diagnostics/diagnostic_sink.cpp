#include "diagnostics/diagnostic_sink.hpp"

#include <algorithm>
#include <tuple>

namespace cronc {

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::lock_guard lock(mutex_);
  std::vector<Diagnostic> result = diagnostics_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const SourceLocation& x = a.range.begin;
    const SourceLocation& y = b.range.begin;
    return std::tie(x.file, x.line, x.column, a.rule, a.message) < std::tie(y.file, y.line, y.column, b.rule, b.message);
  });
  return result;
}

std::size_t DiagnosticSink::error_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

}  // namespace cronc
