#pragma once
/// Decides which translation units need a Clang parse: only those in which a file other than cronc's own headers
/// mentions `CronJob`. Uses Clang's dependency scanner (a fast preprocessor over minimized sources), shared and
/// cached across units, and also yields every file each unit reads, for the depfile.

#include "extract/job_extractor.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cronc {

struct PrefilterResult {
  bool mentions_jobs = true;        ///< parse it (also when scanning failed: the parse reports the error)
  std::vector<std::string> files;   ///< every file the unit reads, the main file first
};

class Prefilter {
 public:
  Prefilter();
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  /// Thread-safe.
  PrefilterResult scan(const CompileCommand& command);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// True for the headers that ship with cronc (they mention CronJob but declare no job).
bool is_cronc_header(const std::string& path);

}  // namespace cronc
