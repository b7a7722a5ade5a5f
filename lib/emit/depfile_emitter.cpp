#include "emit/depfile_emitter.hpp"

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

std::string render_depfile(std::string_view target, const std::set<std::string>& files) {
  std::string depfile = escape_make_path(target) + ":";
  for (const std::string& file : files) depfile += " \\\n  " + escape_make_path(file);
  return depfile + "\n";
}

}  // namespace cronc
