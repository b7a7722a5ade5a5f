#pragma once
/// The jobs the emitters' golden files are made of: one of each kind the stub and the manifest treat differently
/// (a `cron::Status` and a `void` endpoint, a static member reached through its header, `extern "C"`, an inline
/// namespace, the global namespace, `every` as text and as std::chrono, a cron macro, a default title, a doc
/// comment with quotes and UTF-8, a file outside the root, a time zone and every policy, a chrono timeout), in no
/// particular order.

#include "model/job_decl.hpp"
#include "rules/job_builder.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cronc::testing {

/// The `--root` the sample jobs' files are under.
inline const std::string kSampleRoot = "/home/dev/shop";

inline Endpoint sample_endpoint(std::string enclosing_namespace, std::string name, ReturnKind returns) {
  Endpoint endpoint;
  endpoint.kind = EndpointKind::function;
  endpoint.name = name;
  endpoint.qualified_name = enclosing_namespace.empty() ? name : enclosing_namespace + "::" + name;
  endpoint.enclosing_namespace = std::move(enclosing_namespace);
  endpoint.returns = returns;
  endpoint.return_type = returns == ReturnKind::status ? "cron::Status" : "void";
  return endpoint;
}

/// A valid job declared at `file`:`line`; `every` or `schedule` (the other left empty) as a string literal.
inline JobDecl sample_job(std::string id, const std::string& every, const std::string& schedule, Endpoint endpoint,
                          const std::string& file, unsigned line) {
  JobDecl job = test::build_job({.id = std::move(id), .every = std::nullopt, .line = line, .file = file});
  job.title = {};
  if (!every.empty()) job.every.text = test::literal(every, line + 2, 14, file);
  if (!schedule.empty()) job.schedule = test::literal(schedule, line + 3, 17, file);
  job.endpoint = std::move(endpoint);
  return job;
}

inline std::vector<JobDecl> sample_jobs() {
  const std::string jobs_file = kSampleRoot + "/src/jobs.cpp";
  std::vector<JobDecl> jobs;

  JobDecl welcome = sample_job("welcome-email", "2h", "",
                               sample_endpoint("shop", "sendWelcomeEmail", ReturnKind::status), jobs_file, 14);
  welcome.title = test::literal("Send welcome emails", 15, 14, jobs_file);
  welcome.doc = "Send a welcome email to everyone who signed up in the last two hours.";
  jobs.push_back(welcome);

  JobDecl sync = sample_job("accounting-sync", "", "0 4 15 * *",
                            sample_endpoint("shop", "syncAccounts", ReturnKind::void_type), jobs_file, 21);
  sync.title = test::literal("Cron Job Example", 22, 14, jobs_file);
  sync.doc = "Run the monthly accounting sync job at 4am (UTC) on the 15th day of each month.";
  sync.timeout.text = test::literal("1h30m", 26, 16, jobs_file);
  sync.retries = {true, true, true, 3, test::columns(27, 16, 17, jobs_file)};
  sync.overlap = {true, true, false, cron::Overlap::queue_one, test::columns(28, 16, 41, jobs_file)};
  sync.catch_up = {true, true, false, cron::CatchUp::run_latest, test::columns(29, 17, 43, jobs_file)};
  sync.jitter.text = test::literal("5m", 30, 15, jobs_file);
  jobs.push_back(sync);

  Endpoint due = sample_endpoint("shop", "sendDue", ReturnKind::status);
  due.kind = EndpointKind::static_member;
  due.qualified_name = "shop::Invoices::sendDue";
  due.class_name = "shop::Invoices";
  due.declaring_header = "<shop/invoices.hpp>";
  JobDecl invoices = sample_job("due-invoices", "", "30 9 * * mon-fri", due, jobs_file, 28);
  invoices.title = test::literal("Send due invoices", 29, 14, jobs_file);
  jobs.push_back(invoices);

  Endpoint purge = sample_endpoint("shop", "purgeCarts", ReturnKind::void_type);
  purge.is_noexcept = true;
  JobDecl carts = sample_job("cart-purge", "", "", purge, jobs_file, 35);
  carts.every.text = test::named_constant("", test::columns(37, 14, 40, jobs_file));
  carts.every.nanoseconds = std::int64_t{90} * 60 * 1'000'000'000;
  carts.timeout.text = test::named_constant("", test::columns(38, 16, 40, jobs_file));
  carts.timeout.nanoseconds = std::int64_t{90} * 1'000'000'000;
  carts.overlap = {true, true, false, cron::Overlap::cancel_running, test::columns(39, 16, 46, jobs_file)};
  carts.doc = "Forget \"abandoned\" carts:\nthe ones nobody touched for 90 minutes. Caf\u00e9 \u2615 \\o/";
  jobs.push_back(carts);

  Endpoint report = sample_endpoint("", "send_weekly_report", ReturnKind::void_type);
  report.extern_c = true;
  JobDecl weekly = sample_job("weekly-report", "", "@weekly", report, kSampleRoot + "/src/reports.cpp", 8);
  weekly.title = test::literal("Weekly report", 9, 14, kSampleRoot + "/src/reports.cpp");
  jobs.push_back(weekly);

  JobDecl ledger = sample_job("ledger-close", "", "@daily",
                              sample_endpoint("shop::inline v2", "closeLedger", ReturnKind::status),
                              "/opt/vendor/ledger/jobs.cpp", 3);
  ledger.endpoint.qualified_name = "shop::v2::closeLedger";
  jobs.push_back(ledger);

  JobDecl audit = sample_job("audit-log", "24h", "", sample_endpoint("shop", "rotateAuditLog", ReturnKind::void_type),
                             jobs_file, 42);
  audit.title = test::literal("Rotate the audit log", 43, 14, jobs_file);
  jobs.push_back(audit);

  JobDecl nightly = sample_job("nightly-report", "", "30 2 * * *",
                               sample_endpoint("shop", "buildNightlyReport", ReturnKind::status), jobs_file, 49);
  nightly.time_zone = test::literal("Europe/Berlin", 52, 18, jobs_file);
  jobs.push_back(nightly);
  return jobs;
}

}  // namespace cronc::testing
