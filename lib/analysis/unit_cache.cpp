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
constexpr int entry_format = 2;

constexpr std::size_t digest_bytes = 16;

std::string hex_digest(llvm::StringRef data) {
  auto digest = llvm::BLAKE3::hash<digest_bytes>(llvm::arrayRefFromStringRef(data));
  return llvm::toHex(digest, /*LowerCase=*/true);
}

/// One line of an entry's file list, "HASH PATH"; a unit reads hundreds of headers, and a rerun reads every
/// entry, so the list is plain lines rather than JSON (which cost a no-change rerun half its time).
std::optional<std::pair<llvm::StringRef, llvm::StringRef>> split_file_line(llvm::StringRef line) {
  constexpr std::size_t hash_chars = 2 * digest_bytes;
  if (line.size() <= hash_chars + 1 || line[hash_chars] != ' ') return std::nullopt;
  return std::pair{line.take_front(hash_chars), line.drop_front(hash_chars + 1)};
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
  llvm::sys::path::append(path, hex_digest(key) + ".entry");
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
  // The result as one line of JSON, then one line per file read (split_file_line).
  auto [head, file_lines] = (*buffer)->getBuffer().split('\n');
  if (!file_lines.ends_with("\n")) return std::nullopt;
  try {
    auto entry = nlohmann::json::parse(head.begin(), head.end());
    // The whole key, not its digest alone: an entry written for another command or cronc is foreign.
    if (entry.at("key").get<std::string>() != unit_key) return std::nullopt;
    UnitAnalysis analysis;
    llvm::SmallVector<llvm::StringRef, 0> lines;
    file_lines.drop_back().split(lines, '\n');
    if (lines.size() != entry.at("files").get<std::size_t>()) return std::nullopt;
    for (llvm::StringRef line : lines) {
      auto file = split_file_line(line);
      if (!file) return std::nullopt;
      std::string path = file->second.str();
      std::optional<std::string> hash = content_hash(path);
      if (!hash || *hash != file->first) return std::nullopt;
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
  std::string file_lines;
  for (const std::string& file : analysis.scan.files) {
    std::optional<std::string> hash = content_hash(file);
    // A file that vanished leaves nothing to key on; a path with a line break would not read back.
    if (!hash || file.find('\n') != std::string::npos) return;
    file_lines += *hash + ' ' + file + '\n';
  }
  nlohmann::json jobs = nlohmann::json::array();
  for (const JobDecl& job : analysis.extraction.jobs) jobs.push_back(job_to_json(job));
  nlohmann::json entry = {{"key", unit_key},
                          {"files", analysis.scan.files.size()},
                          {"mentions_jobs", analysis.scan.mentions_jobs},
                          {"parsed", analysis.parsed},
                          {"compiler_output", analysis.extraction.compiler_output},
                          {"compile_failed", analysis.extraction.compile_failed},
                          {"jobs", std::move(jobs)}};
  std::string error;
  // Invalid UTF-8 in a compiler message is replaced rather than thrown on: the entry stays readable. Compact JSON
  // escapes every line break, so the result is the entry's first line.
  write_if_changed(entry_path(unit_key),
                   entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n' + file_lines, error);
}

}  // namespace cronc
