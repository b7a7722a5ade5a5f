#include "analysis/analyzer.hpp"

#include "analysis/prefilter.hpp"
#include "extract/job_extractor.hpp"
#include "rules/rule_registry.hpp"

#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>

namespace cronc {

namespace {

/// Arguments cronc adds to every unit: the analyzer mode of the header, comments for docs, Clang's builtin
/// headers, and no warnings (the real compile shows those).
std::vector<std::string> with_cronc_arguments(std::vector<std::string> arguments, const std::string& resource_dir) {
  std::vector<std::string> extra = {"-DCRONC_ANALYZER", "-fparse-all-comments", "-w", "-resource-dir", resource_dir};
  // Insert after argv[0] so that a trailing `-- file` or the file itself stays last.
  arguments.insert(arguments.begin() + 1, extra.begin(), extra.end());
  return arguments;
}

std::string absolute(const std::string& path, const std::string& directory) {
  llvm::SmallString<256> result(path);
  if (!llvm::sys::path::is_absolute(result)) {
    result = directory;
    llvm::sys::path::append(result, path);
  }
  llvm::sys::path::remove_dots(result, /*remove_dot_dot=*/true);
  return std::string(result);
}

bool is_generated_stub(const std::string& path) { return llvm::StringRef(path).ends_with(".cron.cpp"); }

bool same_declaration(const JobDecl& a, const JobDecl& b) {
  return a.name_range.begin.file == b.name_range.begin.file && a.name_range.begin.offset == b.name_range.begin.offset;
}

bool declaration_order(const JobDecl& a, const JobDecl& b) {
  const auto& x = a.name_range.begin;
  const auto& y = b.name_range.begin;
  return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
}

}  // namespace

void analyze(const AnalyzerOptions& options, AnalysisResult& result) {
  std::string error;
  auto database = clang::tooling::JSONCompilationDatabase::loadFromDirectory(options.build_dir, error);
  if (!database) {
    result.fatal_error = error.empty() ? "cannot read compile_commands.json in '" + options.build_dir + "'" : error;
    return;
  }
  std::string resource_dir = options.resource_dir.empty() ? CRONC_CLANG_RESOURCE_DIR : options.resource_dir;

  std::vector<CompileCommand> commands;
  std::set<std::string> seen;
  auto add = [&](const clang::tooling::CompileCommand& entry) {
    std::string file = absolute(entry.Filename, entry.Directory);
    if (is_generated_stub(file) || !seen.insert(file).second) return;
    commands.push_back({entry.Directory, file, with_cronc_arguments(entry.CommandLine, resource_dir)});
  };
  if (options.files.empty()) {
    std::string root = options.root.empty() ? "" : absolute(options.root, ".");
    for (const auto& entry : database->getAllCompileCommands()) {
      std::string file = absolute(entry.Filename, entry.Directory);
      if (root.empty() || llvm::StringRef(file).starts_with(root + "/")) add(entry);
    }
  } else {
    for (const std::string& name : options.files) {
      std::string file = absolute(name, ".");
      auto entries = database->getCompileCommands(file);
      if (entries.empty()) {
        result.fatal_error = "'" + name + "' is not in the compilation database in '" + options.build_dir + "'";
        return;
      }
      add(entries.front());
    }
  }

  struct UnitOutcome {
    PrefilterResult scan;
    ExtractionResult extraction;
    bool parsed = false;
  };
  std::vector<UnitOutcome> outcomes(commands.size());
  Prefilter prefilter;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < commands.size(); i = next++) {
      outcomes[i].scan = prefilter.scan(commands[i]);
      if (!outcomes[i].scan.mentions_jobs) continue;
      outcomes[i].parsed = true;
      outcomes[i].extraction = extract_jobs(commands[i], options.color);
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, commands.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();

  for (auto& outcome : outcomes) {
    result.files_read.insert(outcome.scan.files.begin(), outcome.scan.files.end());
    if (!outcome.parsed) {
      ++result.skipped_units;
      continue;
    }
    ++result.parsed_units;
    result.compiler_output += outcome.extraction.compiler_output;
    result.compile_failed = result.compile_failed || outcome.extraction.compile_failed;
    for (auto& job : outcome.extraction.jobs) result.jobs.push_back(std::move(job));
  }
  std::stable_sort(result.jobs.begin(), result.jobs.end(), declaration_order);
  result.jobs.erase(std::unique(result.jobs.begin(), result.jobs.end(), same_declaration), result.jobs.end());

  for (const JobDecl& job : result.jobs) check_declaration(job, result.diagnostics);
  check_duplicate_ids(result.jobs, result.diagnostics);
}

}  // namespace cronc
