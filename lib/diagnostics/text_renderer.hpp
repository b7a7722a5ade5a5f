#pragma once
/// Diagnostics as clang 19 prints them, so terminals, CI logs and IDE problem matchers (VS Code's `$gcc`) read them:
///
///     jobs.cpp:12:14: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]
///        12 |     .every = "7h",
///           |              ^~~~
///           |              "6h"
///     jobs.cpp:12:14: note: the nearest valid intervals are "6h" and "8h"
///     1 error generated.
///
/// The caret sits on the range's first character and `~` marks the rest of it, across up to 16 lines; a fix-it's
/// replacement is printed under the text it replaces. A note at the same place as the diagnostic before it, with an
/// empty range and no fix-its, prints no second snippet (clang's rule). Tabs expand to 8 columns. A diagnostic or
/// note without a location prints as `cronc: error: ...`. Lines are not wrapped to the terminal's width. Clang's own
/// TextDiagnostic does the printing, over a SourceManager that holds the files' texts.

#include "diagnostics/diagnostic.hpp"
#include "diagnostics/source_files.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace cronc {

/// Writes `diagnostics` in order, then clang's summary ("1 warning and 2 errors generated."); `color` adds clang's
/// ANSI colours for a terminal.
void render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, std::ostream& out, bool color);

/// The same text as a string, for tests and for callers that print it elsewhere.
std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files, bool color);

}  // namespace cronc
