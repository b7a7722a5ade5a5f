#pragma once
/// `cronc export systemd`: the jobs as systemd timers, each starting a service that runs the user's
/// program with `--cron-run-job ID` (docs/export.md).

#include "export/manifest_reader.hpp"

#include <cron/policy.hpp>

#include <string>
#include <vector>

namespace cronc {

struct SystemdOptions {
  std::string exec;         ///< the program: an absolute path, or a bare name systemd looks up
  std::string name_prefix;  ///< put before each job ID in the unit names
  bool user = false;        ///< units for `systemctl --user`: no User=
  std::string run_as;       ///< User= of a system unit; empty: none (root)
  /// skip: Persistent=false, so a tick missed while the machine was off is not run. run_latest: Persistent=true,
  /// so systemd runs the job once at boot when it missed a tick.
  cron::CatchUp catch_up = cron::CatchUp::skip;
};

/// A unit file to write: its name (`welcome-email.timer`) and content.
struct UnitFile {
  std::string name;
  std::string content;
};

/// A `.service` and a `.timer` per job, sorted by name, deterministic. Returns false with a one-line `error` when
/// an option is invalid.
bool render_systemd_units(const std::vector<ManifestJob>& jobs, const SystemdOptions& options,
                          std::vector<UnitFile>& units, std::string& error);

}  // namespace cronc
