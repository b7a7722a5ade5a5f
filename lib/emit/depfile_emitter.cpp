#include "emit/depfile_emitter.hpp"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace cronc {

namespace {

std::string escape_make_path(std::string_view path) {
  std::string escaped;
  for (char c : path) {
    if (c == ' ' || c == '#' || c == '\\') escaped += '\\';
    if (c == '$') escaped += '$';
    escaped += c;
  }
  return escaped;
}

}  // namespace

std::string normalize_dependency(const std::string& path) {
  llvm::SmallString<256> normalized(path);
  llvm::sys::path::remove_dots(normalized, /*remove_dot_dot=*/true);
  if (normalized == path) return path;
  // `a/link/..` is not `a` when `link` is a symbolic link: keep the lexical form only when it names the same file.
  bool same = false;
  if (llvm::sys::fs::equivalent(path, normalized, same) || !same) return path;
  return std::string(normalized);
}

std::string render_depfile(std::string_view target, const std::set<std::string>& files) {
  std::set<std::string> normalized;
  for (const std::string& file : files) normalized.insert(normalize_dependency(file));
  std::string depfile = escape_make_path(target) + ":";
  for (const std::string& file : normalized) depfile += " \\\n  " + escape_make_path(file);
  return depfile + "\n";
}

}  // namespace cronc
