#pragma once
/// Positions in user files as plain values, so rules and renderers never need Clang's SourceManager.

#include <string>

namespace cronc {

/// A point in a file: 1-based line and column (in bytes, as clang counts), and the byte offset from the start.
struct SourceLocation {
  std::string file;  ///< the path as the compilation database names it
  unsigned line = 0;
  unsigned column = 0;
  unsigned offset = 0;

  bool valid() const { return line != 0; }
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// A half-open range of characters [begin, end) in one file.
struct SourceRange {
  SourceLocation begin;
  SourceLocation end;

  bool valid() const { return begin.valid(); }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

}  // namespace cronc
