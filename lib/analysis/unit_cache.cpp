#include "analysis/unit_cache.hpp"

#include "emit/output_file.hpp"
#include "model/job_decl_json.hpp"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <unordered_map>

namespace cronc {

namespace {

/// Bumped whenever an entry's layout changes.
constexpr int entry_format = 1;

std::string hex_digest(llvm::StringRef data) {
  auto digest = llvm::BLAKE3::hash<16>(llvm::arrayRefFromStringRef(data));
  return llvm::toHex(digest, /*LowerCase=*/true);
}

/// The binary that analyses: a rebuilt cronc (or test) may extract differently, whatever its version says.
std::string analyzer_identity() {
  static int anchor;
  std::string executable = llvm::sys::fs::getMainExecutable("cronc", &anchor);
  llvm::sys::fs::file_status status;
  std::string identity = std::string(CRONC_VERSION) + " " + LLVM_VERSION_STRING + " " + executable;
  if (!llvm::sys::fs::status(executable, status)) {
    identity += " " + std::to_string(status.getSize()) + " " +
                std::to_string(status.getLastModificationTime().time_since_epoch().count());
  }
  return identity;
}

}  // namespace

struct UnitCache::State {
  std::string folder;
  std::string identity;  ///< of this cronc and the salt, the start of every key
  std::mutex mutex;
  std::unordered_map<std::string, std::optional<std::string>> hashes;  ///< per file read this run
};

UnitCache::UnitCache(std::string folder, std::string salt) : state_(std::make_unique<State>()) {
  state_->folder = std::move(folder);
  state_->identity = "cronc unit cache " + std::to_string(entry_format) + "\n" + analyzer_identity() + "\n" + salt;
}

UnitCache::~UnitCache() = default;

std::string UnitCache::key(const CompileCommand& command) const {
  std::string key = state_->identity;
  for (const std::string& part : {command.directory, command.file}) key += '\0' + part;
  for (const std::string& argument : command.arguments) key += '\0' + argument;
  return key;
}

std::string UnitCache::entry_path(const std::string& key) const {
  llvm::SmallString<256> path(state_->folder);
  llvm::sys::path::append(path, hex_digest(key) + ".json");
  return std::string(path);
}

std::optional<std::string> UnitCache::content_hash(const std::string& file) {
  {
    std::lock_guard lock(state_->mutex);
    if (auto known = state_->hashes.find(file); known != state_->hashes.end()) return known->second;
  }
  std::optional<std::string> hash;
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (buffer) hash = hex_digest((*buffer)->getBuffer());
  std::lock_guard lock(state_->mutex);
  return state_->hashes.emplace(file, std::move(hash)).first->second;
}

std::optional<UnitAnalysis> UnitCache::find(const CompileCommand& command) {
  std::string unit_key = key(command);
  auto buffer = llvm::MemoryBuffer::getFile(entry_path(unit_key), /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) return std::nullopt;
  try {
    auto entry = nlohmann::json::parse((*buffer)->getBuffer().begin(), (*buffer)->getBuffer().end());
    // The whole key, not its digest alone: an entry written for another command or cronc is foreign.
    if (entry.at("key").get<std::string>() != unit_key) return std::nullopt;
    UnitAnalysis analysis;
    for (const auto& file : entry.at("files")) {
      std::string path = file.at("path").get<std::string>();
      std::optional<std::string> hash = content_hash(path);
      if (!hash || *hash != file.at("hash").get<std::string>()) return std::nullopt;
      analysis.scan.files.push_back(std::move(path));
    }
    if (analysis.scan.files.empty()) return std::nullopt;
    analysis.scan.mentions_jobs = entry.at("mentions_jobs").get<bool>();
    analysis.parsed = entry.at("parsed").get<bool>();
    analysis.extraction.compiler_output = entry.at("compiler_output").get<std::string>();
    analysis.extraction.compile_failed = entry.at("compile_failed").get<bool>();
    for (const auto& job : entry.at("jobs")) analysis.extraction.jobs.push_back(job_from_json(job));
    return analysis;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void UnitCache::store(const CompileCommand& command, const UnitAnalysis& analysis) {
  std::string unit_key = key(command);
  nlohmann::json files = nlohmann::json::array();
  for (const std::string& file : analysis.scan.files) {
    std::optional<std::string> hash = content_hash(file);
    if (!hash) return;  // a file that vanished: nothing to key on
    files.push_back({{"path", file}, {"hash", *hash}});
  }
  nlohmann::json jobs = nlohmann::json::array();
  for (const JobDecl& job : analysis.extraction.jobs) jobs.push_back(job_to_json(job));
  nlohmann::json entry = {{"key", unit_key},
                          {"files", std::move(files)},
                          {"mentions_jobs", analysis.scan.mentions_jobs},
                          {"parsed", analysis.parsed},
                          {"compiler_output", analysis.extraction.compiler_output},
                          {"compile_failed", analysis.extraction.compile_failed},
                          {"jobs", std::move(jobs)}};
  std::string error;
  // Invalid UTF-8 in a compiler message is replaced rather than thrown on: the entry stays readable.
  write_if_changed(entry_path(unit_key), entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), error);
}

}  // namespace cronc
