#include "analysis/analyzer.hpp"

#include "analysis/prefilter.hpp"
#include "analysis/unit_cache.hpp"
#include "extract/job_extractor.hpp"
#include "rules/rule_registry.hpp"

#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>
#include <atomic>
#include <optional>
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

/// `path` made absolute against `directory` (itself made absolute against the current directory), without `.`
/// and `..`.
std::string absolute(const std::string& path, const std::string& directory) {
  llvm::SmallString<256> result(path);
  if (!llvm::sys::path::is_absolute(result)) {
    result = directory;
    llvm::sys::path::append(result, path);
  }
  llvm::sys::fs::make_absolute(result);
  llvm::sys::path::remove_dots(result, /*remove_dot_dot=*/true);
  return std::string(result);
}

/// `message` without the trailing newlines and period that LLVM's messages carry, so it ends a one-line error.
std::string one_line(llvm::StringRef message) {
  message = message.rtrim(" \t\r\n.");
  std::string line = message.str();
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

/// Reads `BUILD_DIR/compile_commands.json` exactly (no guessing of commands for files it does not list, which
/// `CompilationDatabase::loadFromDirectory` would do), as clang-tidy's loader would otherwise: response files
/// expanded, target and driver mode inferred from the compiler's name. On failure, a one-line `error`.
std::unique_ptr<clang::tooling::CompilationDatabase> load_database(const std::string& build_dir, std::string& error) {
  llvm::SmallString<256> path(build_dir);
  llvm::sys::path::append(path, "compile_commands.json");
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = "cannot read '" + std::string(path) + "': " + buffer.getError().message();
    return nullptr;
  }
  // Checked as JSON first: Clang's loader reads it as YAML and prints YAML syntax errors to stderr itself.
  llvm::Expected<llvm::json::Value> json = llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    std::string reason = llvm::toString(json.takeError());  // "[LINE:COLUMN, byte=OFFSET]: MESSAGE"
    llvm::StringRef rest(reason);
    unsigned line = 0;
    unsigned column = 0;
    if (rest.consume_front("[") && !rest.consumeInteger(10, line) && rest.consume_front(":") &&
        !rest.consumeInteger(10, column) && rest.contains("]: ")) {
      // LLVM's column is the offset of the parser's position in the line, mostly just past the offending
      // character: its 1-based column, except at the start of a line.
      reason = "line " + std::to_string(line) + ", column " + std::to_string(std::max(column, 1u)) + ": " +
               rest.split("]: ").second.str();
    }
    error = "malformed compilation database '" + std::string(path) + "': " + one_line(reason);
    return nullptr;
  }
  std::string text;
  llvm::raw_string_ostream(text) << *json;  // compact JSON: nothing the YAML reader could trip over
  std::string reason;
  auto database = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      text, reason, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!database) {
    error = "malformed compilation database '" + std::string(path) + "': " + one_line(reason);
    return nullptr;
  }
  // An entry without a compiler would crash the loader's wrappers and the driver.
  for (const auto& entry : database->getAllCompileCommands()) {
    if (entry.CommandLine.empty() || entry.CommandLine.front().empty()) {
      error = "malformed compilation database '" + std::string(path) + "': the entry of '" + entry.Filename +
              "' has no command";
      return nullptr;
    }
  }
  return clang::tooling::inferTargetAndDriverMode(
      clang::tooling::expandResponseFiles(std::move(database), llvm::vfs::getRealFileSystem()));
}

/// What the analysis needs to know of a main file before any unit is scanned.
struct MainFile {
  std::string problem;      ///< why it cannot be read, on one line; empty when it can
  bool names_job = false;   ///< its own text says `CronJob`: it will certainly be parsed
};

MainFile read_main_file(const std::string& file) {
  MainFile result;
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) {
    result.problem = "cannot read '" + file + "': " + buffer.getError().message();
    return result;
  }
  result.names_job = (*buffer)->getBuffer().contains("CronJob");
  return result;
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
  auto database = load_database(options.build_dir, result.fatal_error);
  if (!database) return;
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
  // An unreadable source is an I/O failure of the run, not a C++ error for Clang to report. Units whose own text
  // names CronJob are certainly parsed, the longest work there is: they go first, so that other threads' cheap
  // pre-filter scans fill the time around the parses instead of a parse starting last (with 5 parses on 2
  // threads, that is 3 parses' time instead of 3 parses plus scans).
  std::vector<std::size_t> order(commands.size());
  std::vector<bool> names_job(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    MainFile main_file = read_main_file(commands[i].file);
    if (!main_file.problem.empty()) {
      result.fatal_error = std::move(main_file.problem);
      return;
    }
    order[i] = i;
    names_job[i] = main_file.names_job;
  }
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return names_job[i]; });

  std::vector<UnitAnalysis> outcomes(commands.size());
  std::optional<UnitCache> cache;
  if (!options.cache_dir.empty()) cache.emplace(options.cache_dir, options.color ? "color" : "plain");
  Prefilter prefilter;
  std::atomic<std::size_t> next{0};
  std::atomic<unsigned> cached{0};
  // Each worker takes the next unit in `order`, with a scanner of its own (it keeps the scanner's per-worker
  // file cache warm), so the pool runs one such loop per thread rather than one task per unit.
  auto work = [&] {
    std::optional<Prefilter::Scanner> scanner;  // made at the first unit the cache lacks
    for (std::size_t k = next++; k < order.size(); k = next++) {
      std::size_t i = order[k];
      if (cache) {
        if (auto stored = cache->find(commands[i])) {
          outcomes[i] = std::move(*stored);
          ++cached;
          continue;
        }
      }
      if (names_job[i]) {
        // Certainly parsed: the parse lists the files it reads, where a scan would repeat its preprocessing (a
        // sixth of the unit's time).
        outcomes[i].parsed = true;
        outcomes[i].extraction = extract_jobs(commands[i], options.color);
        outcomes[i].scan.files = std::move(outcomes[i].extraction.files);
        outcomes[i].scan.complete = !outcomes[i].extraction.compile_failed;
      } else {
        if (!scanner) scanner.emplace(prefilter);
        outcomes[i].scan = scanner->scan(commands[i]);
        if (outcomes[i].scan.mentions_jobs) {
          outcomes[i].parsed = true;
          outcomes[i].extraction = extract_jobs(commands[i], options.color);
        }
      }
      // A failure may be cured by a file that does not exist yet, which no key could name.
      if (cache && outcomes[i].scan.complete && !outcomes[i].extraction.compile_failed)
        cache->store(commands[i], outcomes[i]);
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : llvm::hardware_concurrency().compute_thread_count();
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, commands.size())));
  {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
    for (unsigned t = 0; t < threads; ++t) pool.async(work);
    pool.wait();
  }
  result.cached_units = cached;

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
