#pragma once
/// `cronc export kubernetes|systemd --manifest FILE ...`: hands the manifest's jobs to a platform's scheduler
/// (docs/export.md), which then runs the user's program with `--cron-run-job ID` at each tick.

#include <iosfwd>
#include <optional>
#include <string>

namespace cronc {

/// The command line as given; run_export checks which options the platform takes.
struct ExportCommand {
  std::string platform;        ///< `kubernetes` or `systemd`
  std::string manifest_file;   ///< --manifest
  std::string output;          ///< -o: the YAML file (default: standard output) or the unit folder (default: .)
  std::string name_prefix;     ///< --name-prefix
  std::string catch_up;        ///< --catch-up: `skip` (the default) or `run-latest`, as the runtime's Options
  std::optional<int> misfire_grace;  ///< --misfire-grace SECONDS (kubernetes, skip)
  std::string image;           ///< --image (kubernetes)
  std::string name_space;      ///< --namespace (kubernetes)
  std::string exec;            ///< --exec (systemd)
  bool user = false;           ///< --user (systemd)
  std::string run_as;          ///< --run-as (systemd, system units)
};

/// Reads the manifest, renders every output in memory, then writes them (each through a temporary file and a
/// rename, only when changed), so an error leaves no output behind. Returns the exit status: 0, or 2 with a
/// one-line `cronc: error: ...` on `err` for a usage error, an unreadable or invalid manifest, a schedule the
/// platform cannot express, or an I/O failure.
int run_export(const ExportCommand& command, std::ostream& out, std::ostream& err);

}  // namespace cronc
