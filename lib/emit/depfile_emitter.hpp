#pragma once
/// The depfile for CMake's DEPFILE: every file the analysis read, so the build reruns cronc when one changes.

#include <set>
#include <string>
#include <string_view>

namespace cronc {

/// `target: file file ...` in Make syntax as Ninja and CMake read it, with spaces, `#` and `$` escaped.
std::string render_depfile(std::string_view target, const std::set<std::string>& files);

}  // namespace cronc
