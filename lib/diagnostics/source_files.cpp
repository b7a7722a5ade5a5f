#include "diagnostics/source_files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace cronc {

std::shared_ptr<const SourceFiles::File> SourceFiles::index(std::string text) {
  auto file = std::make_shared<File>();
  file->text = std::move(text);
  file->line_starts.push_back(0);
  const std::string& t = file->text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
    if (t[i] == '\n' || t[i] == '\r') file->line_starts.push_back(i + 1);
  }
  return file;
}

bool SourceFiles::add(const std::string& path, std::string content) {
  std::shared_ptr<const File> file = index(std::move(content));
  std::lock_guard lock(mutex_);
  return files_.try_emplace(path, std::move(file)).second;
}

const SourceFiles::File* SourceFiles::find(const std::string& path) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = files_.find(path); it != files_.end()) return it->second.get();
  }
  // Read outside the lock so that threads rendering different files do not wait for each other's I/O.
  std::shared_ptr<const File> file;
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    if (std::ifstream in{path, std::ios::binary}) {
      std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.bad()) file = index(std::move(text));
    }
  }
  std::lock_guard lock(mutex_);
  // Another thread may have read it first: keep the first copy, views into it may already be out.
  return files_.try_emplace(path, std::move(file)).first->second.get();
}

std::optional<std::string_view> SourceFiles::content(const std::string& path) const {
  const File* file = find(path);
  if (file == nullptr) return std::nullopt;
  return std::string_view(file->text);
}

std::optional<std::string_view> SourceFiles::line(const std::string& path, unsigned line) const {
  const File* file = find(path);
  if (file == nullptr || line == 0 || line > file->line_starts.size()) return std::nullopt;
  std::size_t begin = file->line_starts[line - 1];
  // A line that would start at the end of the file (after the last terminator) does not exist, as in clang.
  if (begin >= file->text.size()) return std::nullopt;
  std::size_t end = file->text.find_first_of("\r\n", begin);
  if (end == std::string::npos) end = file->text.size();
  return std::string_view(file->text).substr(begin, end - begin);
}

std::optional<unsigned> SourceFiles::offset(const std::string& path, unsigned line, unsigned column) const {
  const File* file = find(path);
  if (file == nullptr || line == 0 || column == 0 || line > file->line_starts.size()) return std::nullopt;
  std::size_t result = file->line_starts[line - 1] + column - 1;
  if (result > file->text.size()) return std::nullopt;
  return static_cast<unsigned>(result);
}

}  // namespace cronc
