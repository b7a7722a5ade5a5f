#pragma once
/// What every rule reports (docs/design.md): an ID, a severity, a message that teaches, a range, notes that
/// point at related places, and fix-its. Renderers (text, SARIF, fix-its YAML) turn a list of these into output.

#include "diagnostics/source_location.hpp"

#include <string>
#include <vector>

namespace cronc {

enum class Severity { error, warning, note };

/// A replacement of `range` by `replacement`; an empty range inserts.
struct FixIt {
  SourceRange range;
  std::string replacement;
};

/// A related place: the first declaration of a duplicate ID, the endpoint's declaration.
struct Note {
  std::string message;
  SourceRange range;  ///< may be invalid: a note about the whole program
};

struct Diagnostic {
  std::string rule;  ///< the stable rule ID, `cron-every-divisor`; empty for errors that are no rule's
  Severity severity = Severity::error;
  std::string message;
  SourceRange range;  ///< the caret goes on `range.begin`, `~` under the rest on the same line
  std::vector<Note> notes;
  std::vector<FixIt> fixits;
};

}  // namespace cronc
