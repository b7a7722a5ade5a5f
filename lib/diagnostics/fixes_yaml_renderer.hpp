#pragma once
/// `--export-fixes`: diagnostics in clang-tidy's YAML format, so `clang-apply-replacements` applies cronc's fix-its
/// and editors that read clang-tidy's fixes show them.

#include "diagnostics/diagnostic.hpp"
#include "diagnostics/source_files.hpp"

#include <iosfwd>
#include <vector>

namespace cronc {

/// Writes every diagnostic with its notes and fix-its, as clang-tidy's `--export-fixes` does. Paths are made
/// absolute (against the working directory) and offsets are bytes from SourceLocation::offset; `files` supplies
/// an offset its producer left at 0 for a location past line 1, column 1. Throws std::invalid_argument when two
/// fix-its of one diagnostic overlap: a rule broke its invariant.
void render_fixes_yaml(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, std::ostream& out);

}  // namespace cronc
