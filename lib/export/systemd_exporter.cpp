#include "export/systemd_exporter.hpp"

#include "export/fire_time_cover.hpp"

#include <cron/zoned_schedule.hpp>

#include <algorithm>
#include <regex>

namespace cronc {

namespace {

/// Free text for Description=: one line, `%` doubled (systemd expands specifiers there), and no trailing
/// backslash, which would continue the line.
std::string description_text(std::string_view text) {
  std::string value;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f)
      value += ' ';
    else if (c == '%')
      value += "%%";
    else
      value += c;
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\\')) value.pop_back();
  return value;
}

/// The program as the first word of ExecStart=, quoted when it holds a character systemd would split at or
/// interpret (C escapes, `%` specifiers, `$` variables).
std::string exec_word(std::string_view path) {
  if (path.find_first_of(" \t\"'\\;%$") == std::string_view::npos) return std::string(path);
  std::string word = "\"";
  for (char c : path) {
    if (c == '"' || c == '\\') word += '\\';
    if (c == '%' || c == '$') word += c;
    word += c;
  }
  return word + "\"";
}

bool check_options(const SystemdOptions& options, std::string& error) {
  static const std::regex kPrefix("[A-Za-z0-9:_.-]*");
  static const std::regex kUser("[A-Za-z_][A-Za-z0-9_.-]*\\$?|[0-9]+");
  const std::string& exec = options.exec;
  const bool control = std::any_of(exec.begin(), exec.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (exec.empty()) {
    error = "no program; pass --exec PATH, the absolute path of the program that runs the jobs";
  } else if (control || (exec.front() != '/' && (exec.find('/') != std::string::npos ||
                                                  std::string_view("@-:+!").find(exec.front()) != std::string::npos))) {
    error = "--exec '" + exec + "' must be an absolute path (or a bare program name systemd looks up)";
  } else if (options.name_prefix.size() > 128 || !std::regex_match(options.name_prefix, kPrefix)) {
    error = "--name-prefix '" + options.name_prefix + "' may hold only letters, digits and ':_.-'";
  } else if (options.user && !options.run_as.empty()) {
    error = "--run-as is for system units; a --user unit runs as the user whose manager runs it";
  } else if (!options.run_as.empty() && !std::regex_match(options.run_as, kUser)) {
    error = "--run-as '" + options.run_as + "' is not a user name";
  } else {
    return true;
  }
  return false;
}

std::string service_unit(const ManifestJob& job, const std::string& name, const SystemdOptions& options) {
  std::string unit = "# From `cronc export systemd`: runs the cron job " + job.id + " once; " + name +
                     ".timer starts it.\n"
                     "[Unit]\n"
                     "Description=" + description_text(job.title) + " (cron job " + job.id + ")\n"
                     "\n"
                     "[Service]\n"
                     "# The unit is active while a run goes on, and a tick that comes then starts nothing (overlap\n"
                     "# policy skip; a unit runs once at a time, so systemd has no queue_one, allow or cancel_running).\n"
                     "# exec rather than oneshot, whose runs RuntimeMaxSec= does not limit.\n"
                     "Type=exec\n"
                     "ExecStart=" + exec_word(options.exec) + " --cron-run-job " + job.id + "\n";
  if (job.timeout_seconds) {
    unit += "# The job's timeout: systemd stops the run (SIGTERM, then SIGKILL) after it.\n"
            "RuntimeMaxSec=" + std::to_string(*job.timeout_seconds) + "\n";
  }
  if (!options.user && !options.run_as.empty()) unit += "User=" + options.run_as + "\n";
  return unit;
}

/// An OnCalendar= value (which on_calendar_lines writes in UTC) in the job's zone: `*-*-* 02:30:00 Europe/Berlin`.
std::string in_zone(std::string line, const std::string& zone) {
  constexpr std::string_view kUtc = " UTC";
  if (!zone.empty() && line.ends_with(kUtc)) line.replace(line.size() - kUtc.size(), kUtc.size(), " " + zone);
  return line;
}

std::string timer_unit(const ManifestJob& job, const std::string& name, const SystemdOptions& options) {
  std::vector<std::string> lines;
  const std::vector<cron::CronFields> cover = cron_cover(job.schedule);
  for (const cron::CronFields& fields : cover)
    for (std::string& line : on_calendar_lines(fields)) lines.push_back(in_zone(std::move(line), job.time_zone));
  std::string unit = "# From `cronc export systemd`: starts " + name + ".service " + job_description(job) + ".\n";
  if (!job.time_zone.empty() && cron::clock_change_rule(job.schedule_tag.substr(9)) ==
                                    cron::ClockChangeRule::once_per_local_time) {
    unit += "# At a forward clock change systemd skips a time that does not exist; cronc runs it at the gap's end\n"
            "# (docs/time-zones.md). A repeated time runs once in both.\n";
  }
  if (cover.size() > 1) {
    unit += "# No single calendar event gives these times: the " + std::to_string(lines.size()) +
            " OnCalendar= lines together fire exactly at them.\n";
  } else if (lines.size() > 1) {
    unit += "# cron fires on a day that matches its day of month or its weekday: one OnCalendar= line for each.\n";
  }
  unit += "[Unit]\n"
          "Description=Timer of cron job " + job.id + " (" + description_text(job.title) + ")\n"
          "\n"
          "[Timer]\n";
  for (const std::string& line : lines) unit += "OnCalendar=" + line + "\n";
  unit += "AccuracySec=1s\n";
  if (job.jitter_seconds) {
    unit += "# The job's jitter: each tick starts up to this late, by a delay fixed per machine and timer.\n"
            "RandomizedDelaySec=" + std::to_string(*job.jitter_seconds) + "\n"
            "FixedRandomDelay=yes\n";
  }
  if (job.catch_up.value_or(options.catch_up) == cron::CatchUp::skip) {
    unit += "# Catch-up policy \"skip\": a tick missed while the machine was off or the timer stopped is not run.\n"
            "Persistent=false\n";
  } else {
    unit += "# Catch-up policy \"run latest\": when ticks were missed while the machine was off or the timer\n"
            "# stopped, the job runs once as soon as the timer is back.\n"
            "Persistent=true\n";
  }
  unit += "\n"
          "[Install]\n"
          "WantedBy=timers.target\n";
  return unit;
}

}  // namespace

bool render_systemd_units(const std::vector<ManifestJob>& jobs, const SystemdOptions& options,
                          std::vector<UnitFile>& units, std::string& error) {
  if (!check_options(options, error)) return false;
  std::vector<UnitFile> rendered;
  for (const ManifestJob& job : jobs) {
    const std::string name = options.name_prefix + job.id;
    rendered.push_back({name + ".service", service_unit(job, name, options)});
    rendered.push_back({name + ".timer", timer_unit(job, name, options)});
  }
  std::sort(rendered.begin(), rendered.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  units = std::move(rendered);
  return true;
}

}  // namespace cronc
