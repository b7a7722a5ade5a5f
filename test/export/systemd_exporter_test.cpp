#include "export/systemd_exporter.hpp"

#include "export_test_support.hpp"
#include "fire_times.hpp"
#include "golden_file.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace cronc {
namespace {

using testing::test_job;
using testing::test_jobs;

SystemdOptions shop_options() {
  SystemdOptions options;
  options.exec = "/usr/local/bin/shop";
  options.run_as = "shop";
  return options;
}

std::vector<UnitFile> render(const std::vector<ManifestJob>& jobs, const SystemdOptions& options) {
  std::vector<UnitFile> units;
  std::string error;
  EXPECT_TRUE(render_systemd_units(jobs, options, units, error)) << error;
  return units;
}

std::string unit(const std::vector<UnitFile>& units, const std::string& name) {
  for (const UnitFile& unit : units)
    if (unit.name == name) return unit.content;
  ADD_FAILURE() << "no unit " << name;
  return {};
}

std::string render_error(const SystemdOptions& options) {
  std::vector<UnitFile> units;
  std::string error;
  EXPECT_FALSE(render_systemd_units({test_job("welcome-email")}, options, units, error));
  EXPECT_TRUE(units.empty());
  return error;
}

std::vector<std::string> on_calendar_values(const std::string& timer) {
  std::vector<std::string> values;
  std::istringstream lines(timer);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("OnCalendar=")) values.push_back(line.substr(11));
  return values;
}

TEST(SystemdExporter, MatchesTheGoldenUnits) {
  const auto units = render(test_jobs(), shop_options());
  std::set<std::string> golden_names;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(CRONC_GOLDEN_DIR) / "systemd"))
    golden_names.insert(entry.path().filename().string());
  std::set<std::string> names;
  for (const UnitFile& unit : units) {
    names.insert(unit.name);
    testing::expect_matches_golden("systemd/" + unit.name, unit.content);
  }
  if (!testing::updating_golden_files()) {
    EXPECT_EQ(names, golden_names);
  }
}

TEST(SystemdExporter, AZonedJobsCalendarNamesItsZone) {
  auto zoned = [](const std::string& id, const std::string& expression, const std::string& zone) {
    return ManifestJob{id, id, "schedule:" + expression, cron::Schedule::cron(expression).value(), zone};
  };
  auto units = render({zoned("nightly-report", "30 2 * * *", "Europe/Berlin"),
                       zoned("quarter-hours", "*/15 9-17 * * 1-5", "America/New_York")},
                      shop_options());
  testing::expect_matches_golden("systemd-zoned/nightly-report.timer", unit(units, "nightly-report.timer"));
  testing::expect_matches_golden("systemd-zoned/quarter-hours.timer", unit(units, "quarter-hours.timer"));
  if (std::string(CRONC_SYSTEMD_ANALYZE).empty()) return;
  // systemd reads the zone: 09:00 in New York on 2026-06-01 is 13:00 UTC.
  for (const std::string& value : on_calendar_values(unit(units, "quarter-hours.timer"))) {
    auto result = cronc::testing::run_command("TZ=UTC " + std::string(CRONC_SYSTEMD_ANALYZE) +
                                              " calendar --base-time='2026-06-01 00:00:00 UTC' " +
                                              cronc::testing::shell_quote(value));
    EXPECT_NE(result.output.find("Next elapse: Mon 2026-06-01 13:00:00 UTC"), std::string::npos) << result.output;
  }
}

TEST(SystemdExporter, WritesAServiceAndATimerPerJobSortedByName) {
  auto units = render({test_job("welcome-email"), test_job("cart-purge")}, shop_options());
  std::vector<std::string> names;
  for (const UnitFile& unit : units) names.push_back(unit.name);
  EXPECT_EQ(names, (std::vector<std::string>{"cart-purge.service", "cart-purge.timer", "welcome-email.service",
                                             "welcome-email.timer"}));
}

TEST(SystemdExporter, TimerFollowsTheCatchUpPolicyToTheSecond) {
  SystemdOptions options = shop_options();
  std::string timer = unit(render({test_job("welcome-email")}, options), "welcome-email.timer");
  EXPECT_NE(timer.find("\nOnCalendar=*-*-* 00/2:00:00 UTC\nAccuracySec=1s\n"), std::string::npos) << timer;
  EXPECT_NE(timer.find("\nPersistent=false\n"), std::string::npos);
  EXPECT_NE(timer.find("\n[Install]\nWantedBy=timers.target\n"), std::string::npos);
  options.catch_up = cron::CatchUp::run_latest;
  timer = unit(render({test_job("welcome-email")}, options), "welcome-email.timer");
  EXPECT_NE(timer.find("\nPersistent=true\n"), std::string::npos);
}

TEST(SystemdExporter, MapsTimeoutJitterAndCatchUp) {
  SystemdOptions options = shop_options();
  auto units = render({test_job("accounting-sync")}, options);
  std::string service = unit(units, "accounting-sync.service");
  EXPECT_NE(service.find("\nRuntimeMaxSec=1200\n"), std::string::npos) << service;
  std::string timer = unit(units, "accounting-sync.timer");
  EXPECT_NE(timer.find("\nAccuracySec=1s\n# The job's jitter: each tick starts up to this late, by a delay fixed per "
                       "machine and timer.\nRandomizedDelaySec=300\nFixedRandomDelay=yes\n"),
            std::string::npos)
      << timer;
  EXPECT_NE(timer.find("\nPersistent=true\n"), std::string::npos) << "accounting-sync sets run_latest";
  units = render({test_job("cart-purge")}, options);
  EXPECT_EQ(unit(units, "cart-purge.service").find("\nRuntimeMaxSec="), std::string::npos);
  EXPECT_EQ(unit(units, "cart-purge.timer").find("\nRandomizedDelaySec="), std::string::npos);
}

TEST(SystemdExporter, UserUnitsHaveNoUser) {
  SystemdOptions options = shop_options();
  options.run_as.clear();
  options.user = true;
  auto units = render({test_job("welcome-email")}, options);
  EXPECT_EQ(unit(units, "welcome-email.service").find("User="), std::string::npos);
  EXPECT_NE(unit(units, "welcome-email.timer").find("WantedBy=timers.target\n"), std::string::npos);
  options.run_as = "shop";
  EXPECT_EQ(render_error(options),
            "--run-as is for system units; a --user unit runs as the user whose manager runs it");
}

TEST(SystemdExporter, QuotesWhatSystemdWouldInterpret) {
  SystemdOptions options = shop_options();
  options.exec = "/opt/my shop/bin/shop%1$X\"q\\";
  auto units = render({test_job("report-every-90m")}, options);
  const std::string service = unit(units, "report-every-90m.service");
  EXPECT_NE(service.find("\nExecStart=\"/opt/my shop/bin/shop%%1$$X\\\"q\\\\\" --cron-run-job report-every-90m\n"),
            std::string::npos)
      << service;
  // The title's newline cannot end the line early, its % is no specifier, and its final backslash continues nothing.
  EXPECT_NE(service.find("\nDescription=Report: \"90\" # min 'quoted' 100%% $HOME (cron job report-every-90m)\n"),
            std::string::npos)
      << service;
}

TEST(SystemdExporter, PutsThePrefixBeforeEachName) {
  SystemdOptions options = shop_options();
  options.name_prefix = "shop-";
  auto units = render({test_job("welcome-email")}, options);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].name, "shop-welcome-email.service");
  EXPECT_NE(units[0].content.find("--cron-run-job welcome-email\n"), std::string::npos);
  EXPECT_EQ(units[1].name, "shop-welcome-email.timer");
}

TEST(SystemdExporter, RejectsBadOptions) {
  SystemdOptions options = shop_options();
  options.exec.clear();
  EXPECT_EQ(render_error(options), "no program; pass --exec PATH, the absolute path of the program that runs the jobs");
  options.exec = "bin/shop";
  EXPECT_EQ(render_error(options),
            "--exec 'bin/shop' must be an absolute path (or a bare program name systemd looks up)");
  options.exec = "-shop";
  EXPECT_EQ(render_error(options), "--exec '-shop' must be an absolute path (or a bare program name systemd looks up)");
  options = shop_options();
  options.name_prefix = "shop/";
  EXPECT_EQ(render_error(options), "--name-prefix 'shop/' may hold only letters, digits and ':_.-'");
  options = shop_options();
  options.run_as = "shop user";
  EXPECT_EQ(render_error(options), "--run-as 'shop user' is not a user name");
}

/// The next `count` elapse times systemd computes for `expression` from `base`, by `systemd-analyze calendar`.
std::vector<std::chrono::sys_seconds> systemd_times(const std::string& expression, std::chrono::sys_seconds base,
                                                    int count) {
  std::string base_text = cron::format_utc(base);
  base_text[10] = ' ';
  base_text.pop_back();  // `2024-02-27 00:00:00 UTC`, which systemd-analyze takes
  auto result = testing::run_command("TZ=UTC " + std::string(CRONC_SYSTEMD_ANALYZE) + " calendar --base-time=" +
                                     testing::shell_quote(base_text + " UTC") + " --iterations=" +
                                     std::to_string(count) + " " + testing::shell_quote(expression));
  EXPECT_EQ(result.exit_code, 0) << expression << ": " << result.output;
  std::vector<std::chrono::sys_seconds> times;
  static const std::regex kElapse(R"((Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC)");
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, kElapse)) continue;
    std::chrono::sys_seconds time;
    EXPECT_TRUE(cron::parse_utc(match[2].str() + "T" + match[3].str() + "Z", time)) << line;
    times.push_back(time);
  }
  EXPECT_EQ(times.size(), static_cast<std::size_t>(count)) << expression << ": " << result.output;
  return times;
}

// Differential against a scheduler nobody here wrote: for every exported timer, the union of what systemd computes
// for its OnCalendar= lines is the job's next fire times by cronc's engine. The cases cover the day-of-month or
// weekday union, steps, month names, Sunday as 7, 72- and 90-minute intervals and leap days; from two starting
// points, one just before a leap day.
TEST(SystemdExporter, SystemdFiresTimersExactlyWhenCroncDoes) {
  if (std::string(CRONC_SYSTEMD_ANALYZE).empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian: systemd)";
  constexpr int kIterations = 20;
  for (const char* base_text : {"2024-02-27T23:59:00Z", "2026-12-30T12:00:00Z"}) {
    const auto base = testing::utc(base_text);
    for (const ManifestJob& job : test_jobs()) {
      const std::string timer = unit(render({job}, shop_options()), job.id + ".timer");
      std::vector<std::chrono::sys_seconds> systemd;
      for (const std::string& expression : on_calendar_values(timer))
        for (auto time : systemd_times(expression, base, kIterations)) systemd.push_back(time);
      std::sort(systemd.begin(), systemd.end());
      systemd.erase(std::unique(systemd.begin(), systemd.end()), systemd.end());
      systemd.resize(std::min<std::size_t>(systemd.size(), kIterations));
      auto cronc = testing::next_times(job.schedule, base, kIterations);
      EXPECT_TRUE(cronc == systemd) << job.id << " from " << base_text << ": "
                                    << testing::first_difference(cronc, systemd);
    }
  }
}

// systemd's own reader: every unit loads, and ExecStart names the program even with spaces and `%` in its path.
TEST(SystemdExporter, SystemdAnalyzeVerifiesTheUnits) {
  if (std::string(CRONC_SYSTEMD_ANALYZE).empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian: systemd)";
  auto folder = testing::scratch_folder();
  auto program = folder / "my shop" / "shop%1";
  std::filesystem::create_directories(program.parent_path());
  std::filesystem::copy_file("/bin/true", program);
  SystemdOptions options = shop_options();
  options.exec = program.string();
  options.run_as.clear();
  std::string files;
  for (const UnitFile& unit : render(test_jobs(), options)) {
    testing::write_text(folder / unit.name, unit.content);
    files += " " + testing::shell_quote((folder / unit.name).string());
  }
  auto result = testing::run_command(std::string(CRONC_SYSTEMD_ANALYZE) + " verify --man=no" + files);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");

  // The check has teeth: a program that is not there fails it.
  std::filesystem::remove(program);
  result = testing::run_command(std::string(CRONC_SYSTEMD_ANALYZE) + " verify --man=no" + files);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("Command " + program.string() + " is not executable"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace cronc
