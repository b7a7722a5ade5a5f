#pragma once
/// The whole-program analysis: read the compilation database, pre-filter and parse the translation units in
/// parallel, extract the jobs, run every rule (per declaration, then across units).

#include "diagnostics/diagnostic_sink.hpp"
#include "model/job_decl.hpp"

#include <set>
#include <string>
#include <vector>

namespace cronc {

struct AnalyzerOptions {
  std::string build_dir;            ///< holds compile_commands.json
  std::vector<std::string> files;   ///< units to analyse; empty: every entry (under `root` when set)
  std::string root;                 ///< with no files: only entries under this folder
  unsigned threads = 0;             ///< 0: one per core
  std::string resource_dir;         ///< Clang's builtin headers; empty: the one cronc was built with
  bool color = false;               ///< colour Clang's own diagnostics
  std::string cache_dir;            ///< the per-unit cache (lib/analysis/unit_cache.hpp); empty: none
};

struct AnalysisResult {
  std::string fatal_error;          ///< set when the analysis could not run (exit 2)
  std::string compiler_output;      ///< Clang's diagnostics about the user's C++, in unit order
  bool compile_failed = false;
  std::vector<JobDecl> jobs;        ///< each declaration once, sorted by file and line
  DiagnosticSink diagnostics;
  std::set<std::string> files_read; ///< every file any unit read, for the depfile
  unsigned parsed_units = 0;
  unsigned skipped_units = 0;       ///< left out by the pre-filter
  unsigned cached_units = 0;        ///< taken from the cache, neither scanned nor parsed (also counted above)

  bool has_errors() const { return compile_failed || diagnostics.error_count() > 0; }
};

/// Runs the analysis; never throws for bad input (it lands in `fatal_error` or the diagnostics).
void analyze(const AnalyzerOptions& options, AnalysisResult& result);

}  // namespace cronc
