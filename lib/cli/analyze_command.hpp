#pragma once
/// `cronc -p BUILD_DIR [FILES...]`: analyse the program, print diagnostics as clang does, write the reports.

#include "analysis/analyzer.hpp"

#include <iosfwd>
#include <string>

namespace cronc {

struct AnalyzeCommand {
  AnalyzerOptions analyzer;
  bool color = false;            ///< colour cronc's own diagnostics (Clang's follow `analyzer.color`)
  std::string sarif_file;        ///< --sarif
  std::string fixes_file;        ///< --export-fixes
  std::string manifest_file;     ///< --manifest: the JSON of docs/design.md, "The manifest"
  std::string stub_file;         ///< --stub: the registration source of docs/design.md, "The registration stub"
  std::string depfile;           ///< --depfile: every file read, for CMake's DEPFILE (target: the stub, else the manifest)
};

/// Runs the analysis and writes its outputs; the manifest, stub and depfile only when there is no error, each
/// only when its content changed. Returns the exit status: 0 clean, 1 errors in the user's code,
/// 2 usage or I/O failure (a one-line message on `err`).
int run_analysis(const AnalyzeCommand& command, std::ostream& err);

}  // namespace cronc
