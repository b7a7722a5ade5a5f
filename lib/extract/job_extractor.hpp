#pragma once
/// Parses one translation unit with Clang and turns every `cron::CronJob` construction into a JobDecl.
/// The only place (with the pre-filter) that includes Clang headers, and only in its .cpp.

#include "model/job_decl.hpp"

#include <string>
#include <vector>

namespace cronc {

/// One entry of the compilation database, with cronc's own arguments already added.
struct CompileCommand {
  std::string directory;
  std::string file;
  std::vector<std::string> arguments;  ///< argv, the compiler first
};

struct ExtractionResult {
  std::vector<JobDecl> jobs;
  std::string compiler_output;  ///< Clang's own diagnostics about the user's C++, rendered as clang renders them
  bool compile_failed = false;  ///< the translation unit has C++ errors (or could not be read)
  std::vector<std::string> files;  ///< every file the parse read, the main file first; all of them unless it failed
};

/// Parses `command` (syntax only) and extracts its jobs. `color` colours Clang's own diagnostics.
ExtractionResult extract_jobs(const CompileCommand& command, bool color);

}  // namespace cronc
