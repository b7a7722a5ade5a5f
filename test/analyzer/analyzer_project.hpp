#pragma once
/// A throwaway project for the analyzer's whole-program tests: sources in a scratch folder of their own, a
/// compile_commands.json in its `build/` that names them, and two ways to analyse it: in-process (the library,
/// to look at AnalysisResult) and through the real `cronc` binary (exit status, standard error, colours).

#include "../lib/diagnostics/scratch_dir.hpp"
#include "cli/analyze_command.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace cronc::testing {

class AnalyzerProject {
 public:
  /// The folder of the project's sources; the database is in `build/` under it.
  const std::filesystem::path& root() const { return dir_.path(); }
  std::string build_dir() const { return (root() / "build").string(); }
  std::string path(const std::string& name) const { return (root() / name).string(); }

  /// Writes a source or header, byte for byte; returns its absolute path.
  std::string write(const std::string& name, std::string_view content) const { return dir_.write(name, content); }
  std::string read(const std::string& name) const { return dir_.read(name); }

  /// Adds a database entry that compiles `name` (relative to the root) as the project's build would: the
  /// compiler, -std=c++20, cronc's headers and the project's `include/` on the include path, then `flags`.
  /// Rewrites build/compile_commands.json.
  void add_unit(const std::string& name, const std::vector<std::string>& flags = {}) {
    std::vector<std::string> arguments = {CRONC_TEST_CLANG, "-std=c++20", "-I" CRONC_INCLUDE_DIR,
                                          "-I" + path("include")};
    arguments.insert(arguments.end(), flags.begin(), flags.end());
    arguments.insert(arguments.end(), {"-c", path(name), "-o", name + ".o"});
    units_.push_back({name, build_dir(), path(name), arguments});
    write_database();
  }

  /// Adds an entry as some generators write them: the compiler runs in `directory` (relative to the root), and
  /// `file` and `flags` are relative to it.
  void add_relative_unit(const std::string& directory, const std::string& file,
                         const std::vector<std::string>& flags = {}) {
    std::vector<std::string> arguments = {CRONC_TEST_CLANG, "-std=c++20", "-I" CRONC_INCLUDE_DIR};
    arguments.insert(arguments.end(), flags.begin(), flags.end());
    arguments.insert(arguments.end(), {"-c", file, "-o", file + ".o"});
    units_.push_back({directory + "/" + file, path(directory), file, arguments});
    write_database();
  }

  /// The arguments the database gives `name`, without the compiler and the `-c FILE -o OBJECT` tail: what
  /// `clang -fsyntax-only` needs to compile it the same way.
  std::vector<std::string> flags_of(const std::string& name) const {
    for (const auto& unit : units_) {
      if (unit.name == name) return {unit.arguments.begin() + 1, unit.arguments.end() - 4};
    }
    ADD_FAILURE() << name << " is not a unit of the project";
    return {};
  }

  /// An AnalyzeCommand on this project: its database, one thread, outputs relative to the root.
  AnalyzeCommand command() const {
    AnalyzeCommand command;
    command.analyzer.build_dir = build_dir();
    command.analyzer.root = root().string();
    command.analyzer.threads = 1;
    return command;
  }

  struct Run {
    int status = -1;  ///< the exit status; 128 + the signal when the process was killed (a crash)
    std::string out;
    std::string err;
  };

  /// Runs `run_analysis` in this process.
  Run analyze(const AnalyzeCommand& command) const {
    std::ostringstream err;
    Run run;
    run.status = run_analysis(command, err);
    run.err = err.str();
    return run;
  }

  /// Runs the real `cronc` binary with `arguments`, in the root folder, standard output and error captured to
  /// files (so `--color=auto` sees no terminal).
  Run cronc(const std::vector<std::string>& arguments) const {
    std::string command = quoted(CRONC_BINARY);
    for (const std::string& argument : arguments) command += " " + quoted(argument);
    return shell(command);
  }

  /// Runs a shell command in the root folder, as `cronc` does.
  Run shell(const std::string& command) const {
    std::string out = (root() / ".out").string();
    std::string err = (root() / ".err").string();
    int status = std::system(("cd " + quoted(root().string()) + " && (" + command + ") >" + quoted(out) + " 2>" +
                              quoted(err)).c_str());
    Run run;
    // The shell reports a child killed by a signal as 128 + the signal; so does this, should the shell be killed.
    if (status != -1 && WIFEXITED(status)) {
      run.status = WEXITSTATUS(status);
    } else if (status != -1 && WIFSIGNALED(status)) {
      run.status = 128 + WTERMSIG(status);
    }
    run.out = read(".out");
    run.err = read(".err");
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return run;
  }

  /// A single-quoted shell word.
  static std::string quoted(std::string_view word) {
    std::string result = "'";
    for (char c : word) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
  }

 private:
  struct Unit {
    std::string name;       ///< relative to the root
    std::string directory;  ///< as the database says
    std::string file;       ///< as the database says
    std::vector<std::string> arguments;
  };

  static std::string json_string(std::string_view text) {
    std::string result = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') result += '\\';
      result += c;
    }
    return result + "\"";
  }

  void write_database() const {
    std::string json = "[\n";
    for (std::size_t i = 0; i < units_.size(); ++i) {
      json += "  {\"directory\": " + json_string(units_[i].directory) + ", \"file\": " + json_string(units_[i].file) +
              ", \"arguments\": [";
      for (std::size_t a = 0; a < units_[i].arguments.size(); ++a)
        json += (a == 0 ? "" : ", ") + json_string(units_[i].arguments[a]);
      json += "]}" + std::string(i + 1 < units_.size() ? ",\n" : "\n");
    }
    dir_.write("build/compile_commands.json", json + "]\n");
  }

  ScratchDir dir_;
  std::vector<Unit> units_;
};

}  // namespace cronc::testing
