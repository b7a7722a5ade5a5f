#include "analysis/prefilter.hpp"

#include <clang/Tooling/DependencyScanning/DependencyScanningService.h>
#include <clang/Tooling/DependencyScanning/DependencyScanningTool.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace cronc {

namespace deps = clang::tooling::dependencies;

namespace {

constexpr llvm::StringLiteral job_type = "CronJob";

}  // namespace

struct Prefilter::State {
  deps::DependencyScanningService service{deps::ScanningMode::DependencyDirectivesScan,
                                          deps::ScanningOutputFormat::Full};
  std::mutex mutex;
  std::unordered_map<std::string, bool> mentions;  ///< per file: does its text contain "CronJob"
};

struct Prefilter::Scanner::Tool {
  explicit Tool(deps::DependencyScanningService& service) : tool(service) {}
  deps::DependencyScanningTool tool;
};

Prefilter::Prefilter() : state_(std::make_unique<State>()) {}
Prefilter::~Prefilter() = default;

Prefilter::Scanner::Scanner(Prefilter& prefilter)
    : prefilter_(prefilter), tool_(std::make_unique<Tool>(prefilter.state_->service)) {}
Prefilter::Scanner::~Scanner() = default;

bool is_cronc_header(const std::string& path) {
  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (llvm::sys::path::filename(directory) == "detail") directory = llvm::sys::path::parent_path(directory);
  if (llvm::sys::path::filename(directory) != "cron") return false;
  llvm::SmallString<256> marker(directory);
  llvm::sys::path::append(marker, "job_errors.hpp");
  return llvm::sys::fs::exists(marker);
}

bool Prefilter::mentions(const std::string& file) {
  {
    std::lock_guard lock(state_->mutex);
    if (auto cached = state_->mentions.find(file); cached != state_->mentions.end()) return cached->second;
  }
  // Read outside the lock, so threads do not wait on each other's disk; two threads may read one file, which
  // gives one answer.
  bool found = is_cronc_header(file) ? false : [&] {
    auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    return !buffer || (*buffer)->getBuffer().contains(job_type);
  }();
  std::lock_guard lock(state_->mutex);
  state_->mentions.emplace(file, found);
  return found;
}

PrefilterResult Prefilter::Scanner::scan(const CompileCommand& command) {
  PrefilterResult result;
  result.files.push_back(command.file);
  auto dependencies = tool_->tool.getTranslationUnitDependencies(
      command.arguments, command.directory, {},
      [](const deps::ModuleID&, deps::ModuleOutputKind) { return std::string(); });
  if (!dependencies) {
    llvm::consumeError(dependencies.takeError());
    return result;
  }
  result.files = std::move(dependencies->FileDeps);
  result.complete = true;
  auto names_job = [](const std::string& argument) { return llvm::StringRef(argument).contains(job_type); };
  auto mentions = [&](const std::string& file) { return prefilter_.mentions(file); };
  // `-DJOB=cron::CronJob` names the type where no file does.
  result.mentions_jobs = std::any_of(command.arguments.begin(), command.arguments.end(), names_job) ||
                         std::any_of(result.files.begin(), result.files.end(), mentions);
  return result;
}

}  // namespace cronc
