#include "cli/export_command.hpp"

#include "emit/output_file.hpp"
#include "export/kubernetes_exporter.hpp"
#include "export/manifest_reader.hpp"
#include "export/systemd_exporter.hpp"

#include <ostream>
#include <vector>

namespace cronc {

namespace {

/// The first option given that `platform` does not take, as `--image`; empty when there is none.
std::string foreign_option(const ExportCommand& command) {
  if (command.platform == "kubernetes") {
    if (!command.exec.empty()) return "--exec";
    if (command.user) return "--user";
    if (!command.run_as.empty()) return "--run-as";
  } else {
    if (!command.image.empty()) return "--image";
    if (!command.name_space.empty()) return "--namespace";
    if (command.misfire_grace) return "--misfire-grace";
  }
  return {};
}

int fail(std::ostream& err, const std::string& message) {
  err << "cronc: error: " << message << "\n";
  return 2;
}

}  // namespace

int run_export(const ExportCommand& command, std::ostream& out, std::ostream& err) {
  const bool kubernetes = command.platform == "kubernetes";
  if (command.platform.empty())
    return fail(err, "no platform; run 'cronc export kubernetes|systemd --manifest FILE ...' (see --help)");
  if (!kubernetes && command.platform != "systemd")
    return fail(err, "unknown platform '" + command.platform + "'; use kubernetes or systemd");
  if (std::string option = foreign_option(command); !option.empty())
    return fail(err, option + " is not an option of 'cronc export " + command.platform + "'");
  cron::CatchUp catch_up = cron::CatchUp::skip;
  if (command.catch_up == "run-latest")
    catch_up = cron::CatchUp::run_latest;
  else if (!command.catch_up.empty() && command.catch_up != "skip")
    return fail(err, "--catch-up '" + command.catch_up + "' is neither skip nor run-latest");
  if (command.misfire_grace && catch_up != cron::CatchUp::skip)
    return fail(err, "--misfire-grace applies to --catch-up=skip only");
  if (command.manifest_file.empty())
    return fail(err, "no manifest; pass --manifest FILE, as cronc --manifest wrote it");

  std::vector<ManifestJob> jobs;
  std::string error;
  if (!read_manifest(command.manifest_file, jobs, error)) return fail(err, error);

  if (kubernetes) {
    KubernetesOptions options;
    options.image = command.image;
    options.name_prefix = command.name_prefix;
    options.name_space = command.name_space;
    options.catch_up = catch_up;
    if (command.misfire_grace) options.misfire_grace_seconds = *command.misfire_grace;
    std::string yaml;
    if (!render_kubernetes(jobs, options, yaml, error)) return fail(err, error);
    if (command.output.empty() || command.output == "-") {
      out << yaml << std::flush;
      return out ? 0 : fail(err, "cannot write the YAML to standard output");
    }
    return write_if_changed(command.output, yaml, error) ? 0 : fail(err, error);
  }

  SystemdOptions options;
  options.exec = command.exec;
  options.name_prefix = command.name_prefix;
  options.user = command.user;
  options.run_as = command.run_as;
  options.catch_up = catch_up;
  std::vector<UnitFile> units;
  if (!render_systemd_units(jobs, options, units, error)) return fail(err, error);
  const std::string folder = command.output.empty() ? "." : command.output;
  for (const UnitFile& unit : units)
    if (!write_if_changed(folder + "/" + unit.name, unit.content, error)) return fail(err, error);
  return 0;
}

}  // namespace cronc
