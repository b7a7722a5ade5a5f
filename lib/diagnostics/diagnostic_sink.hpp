#pragma once
/// The one place rules report to. It only collects; renderers decide how diagnostics look.

#include "diagnostics/diagnostic.hpp"

#include <mutex>
#include <vector>

namespace cronc {

class DiagnosticSink {
 public:
  void report(Diagnostic diagnostic) {
    std::lock_guard lock(mutex_);
    diagnostics_.push_back(std::move(diagnostic));
  }

  /// The diagnostics in a stable order: by file, line and column, then rule ID and message.
  std::vector<Diagnostic> sorted() const;

  std::size_t error_count() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace cronc
