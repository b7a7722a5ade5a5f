#pragma once
/// The per-unit analysis cache (docs/analyzer.md, "The cache"): what analysing one translation unit produced,
/// kept in the build folder and reused while the unit's command and the content of every file it read are
/// unchanged. Editing one of N job files reanalyses one unit; a rerun with nothing changed hashes files and parses
/// nothing. An entry that is corrupt, from another cronc or for another command is ignored, never trusted.

#include "analysis/prefilter.hpp"
#include "extract/job_extractor.hpp"

#include <memory>
#include <optional>
#include <string>

namespace cronc {

/// What analysing one unit produced: its scan, and its extraction when the pre-filter sent it to Clang.
struct UnitAnalysis {
  PrefilterResult scan;
  ExtractionResult extraction;
  bool parsed = false;
};

/// Thread-safe; one per analysis (it remembers each file's hash for the run).
class UnitCache {
 public:
  /// `folder` holds one file per unit; `salt` is whatever else changes the result (the colour of Clang's
  /// diagnostics).
  UnitCache(std::string folder, std::string salt);
  ~UnitCache();
  UnitCache(const UnitCache&) = delete;
  UnitCache& operator=(const UnitCache&) = delete;

  /// The stored analysis of `command`, when every file it read is as it was then.
  std::optional<UnitAnalysis> find(const CompileCommand& command);

  /// Stores `analysis` atomically (a temporary and a rename); a failure to write only costs the next run time.
  void store(const CompileCommand& command, const UnitAnalysis& analysis);

 private:
  struct State;
  std::string key(const CompileCommand& command) const;
  std::string entry_path(const std::string& key) const;
  std::optional<std::string> content_hash(const std::string& file);
  std::unique_ptr<State> state_;
};

}  // namespace cronc
