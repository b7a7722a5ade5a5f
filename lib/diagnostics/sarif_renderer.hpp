#pragma once
/// Diagnostics as SARIF 2.1.0 for code-scanning services and IDEs: one run of the `cronc` tool, one result per
/// diagnostic with its notes as related locations and its fix-its as one fix.

#include "diagnostics/diagnostic.hpp"
#include "diagnostics/rule_description.hpp"
#include "diagnostics/source_files.hpp"

#include <iosfwd>
#include <span>
#include <string_view>
#include <vector>

namespace cronc {

/// Writes the SARIF log, deterministic and indented by 2. A file under `root` gets a URI relative to it with base
/// `%SRCROOT%`; any other file, or every file when `root` is empty, an absolute `file://` URI. Columns are bytes,
/// as clang counts them, unless `sources` is given: then they are converted to UTF-16 code units, SARIF's default
/// `columnKind`, which differs only on lines with non-ASCII text.
void render_sarif(const std::vector<Diagnostic>& diagnostics, std::span<const RuleDescription> rules,
                  std::string_view root, std::ostream& out, const SourceFiles* sources = nullptr);

}  // namespace cronc
