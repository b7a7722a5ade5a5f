#pragma once
/// Decides which translation units need a Clang parse: only those in which a file other than cronc's own headers
/// (or the command line, through `-D`) mentions `CronJob`. Uses Clang's dependency scanner (a fast preprocessor
/// over minimized sources), whose minimized files are shared and cached across units, and also yields every file
/// each unit reads, for the depfile.

#include "extract/job_extractor.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cronc {

struct PrefilterResult {
  bool mentions_jobs = true;        ///< parse it (also when scanning failed: the parse reports the error)
  std::vector<std::string> files;   ///< every file the unit reads, the main file first
  bool complete = false;            ///< the scan succeeded: `files` is the whole list
};

/// What all scanners share: the scanner's cache of minimized files and, per file, whether its text mentions
/// `CronJob`. Create one per analysis, then one Scanner per thread.
class Prefilter {
 public:
  Prefilter();
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  /// Scans units one after the other; one per thread (it keeps the scanner's per-worker file cache warm).
  class Scanner {
   public:
    explicit Scanner(Prefilter& prefilter);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    PrefilterResult scan(const CompileCommand& command);

   private:
    struct Tool;
    Prefilter& prefilter_;
    std::unique_ptr<Tool> tool_;
  };

 private:
  struct State;
  bool mentions(const std::string& file);
  std::unique_ptr<State> state_;
};

/// True for the headers that ship with cronc (they mention CronJob but declare no job).
bool is_cronc_header(const std::string& path);

}  // namespace cronc
