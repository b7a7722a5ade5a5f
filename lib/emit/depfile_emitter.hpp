#pragma once
/// The depfile for CMake's DEPFILE: every file the analysis read, so the build reruns cronc when one changes.

#include <set>
#include <string>
#include <string_view>

namespace cronc {

/// `target: file file ...` in Make syntax as Ninja and CMake read it, with spaces, `#` and `$` escaped; each file
/// normalized as `normalize_dependency` does, listed once, in order.
std::string render_depfile(std::string_view target, const std::set<std::string>& files);

/// `path` without `.` and `..` components (`/usr/bin/../lib/gcc/...` is `/usr/lib/gcc/...`), so the build tool
/// sees each header under one name; unchanged when the shorter form is not the same file (a symbolic link
/// before a `..`) or does not exist.
std::string normalize_dependency(const std::string& path);

}  // namespace cronc
