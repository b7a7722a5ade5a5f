#include "analysis/prefilter.hpp"

#include <clang/Tooling/DependencyScanning/DependencyScanningService.h>
#include <clang/Tooling/DependencyScanning/DependencyScanningTool.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <mutex>
#include <unordered_map>

namespace cronc {

namespace deps = clang::tooling::dependencies;

struct Prefilter::State {
  deps::DependencyScanningService service{deps::ScanningMode::DependencyDirectivesScan,
                                          deps::ScanningOutputFormat::Full};
  std::mutex mutex;
  std::unordered_map<std::string, bool> mentions;  ///< per file: does its text contain "CronJob"
};

Prefilter::Prefilter() : state_(std::make_unique<State>()) {}
Prefilter::~Prefilter() = default;

bool is_cronc_header(const std::string& path) {
  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (llvm::sys::path::filename(directory) == "detail") directory = llvm::sys::path::parent_path(directory);
  if (llvm::sys::path::filename(directory) != "cron") return false;
  llvm::SmallString<256> marker(directory);
  llvm::sys::path::append(marker, "job_errors.hpp");
  return llvm::sys::fs::exists(marker);
}

PrefilterResult Prefilter::scan(const CompileCommand& command) {
  PrefilterResult result;
  result.files.push_back(command.file);
  deps::DependencyScanningTool tool(state_->service);
  auto dependencies = tool.getTranslationUnitDependencies(
      command.arguments, command.directory, {},
      [](const deps::ModuleID&, deps::ModuleOutputKind) { return std::string(); });
  if (!dependencies) {
    llvm::consumeError(dependencies.takeError());
    return result;
  }
  result.files = std::move(dependencies->FileDeps);
  result.mentions_jobs = false;
  for (const std::string& file : result.files) {
    if (is_cronc_header(file)) continue;
    bool mentions = false;
    {
      std::lock_guard lock(state_->mutex);
      auto cached = state_->mentions.find(file);
      if (cached != state_->mentions.end()) {
        mentions = cached->second;
      } else {
        auto buffer = llvm::MemoryBuffer::getFile(file);
        mentions = !buffer || (*buffer)->getBuffer().contains("CronJob");
        state_->mentions.emplace(file, mentions);
      }
    }
    if (mentions) {
      result.mentions_jobs = true;
      break;
    }
  }
  return result;
}

}  // namespace cronc
