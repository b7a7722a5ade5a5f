#pragma once
/// The text of user files for renderers: the source line under a caret, byte offsets for fix-its.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cronc {

/// Reads each file once, on first use, and keeps it; safe to share between threads. Lines end at `\n`, `\r\n` or
/// `\r`, as clang counts them. Views it returns stay valid as long as this object lives.
class SourceFiles {
 public:
  /// Uses `content` for `path` instead of reading the disk: Clang's buffer for the file, or a test's input.
  /// Returns false, and changes nothing, when `path` was already read or added.
  bool add(const std::string& path, std::string content);

  /// The whole file, or nullopt when it cannot be read.
  std::optional<std::string_view> content(const std::string& path) const;

  /// Line `line` (1-based) without its terminator, for the snippet under a diagnostic; nullopt past the end.
  std::optional<std::string_view> line(const std::string& path, unsigned line) const;

  /// The byte offset of 1-based `line` and `column`, for producers that filled in only line and column.
  std::optional<unsigned> offset(const std::string& path, unsigned line, unsigned column) const;

 private:
  struct File {
    std::string text;
    std::vector<std::size_t> line_starts;  ///< the offset at which each line begins
  };

  static std::shared_ptr<const File> index(std::string text);
  const File* find(const std::string& path) const;

  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const File>> files_;  ///< null: the file is unreadable
};

}  // namespace cronc
