// The dashboard over HTTP: every route and status code, the page's escaping, the JSON shapes, paging, and who
// may do what (token, loopback Host, cross-site POST). A real server on an ephemeral port, a real client; time
// moves only by the manual clock.

#include "dashboard_fixture.hpp"
#include "fault_store.hpp"

#include <algorithm>

namespace cron::testing_dashboard {
namespace {

using nlohmann::json;

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

/// `Basic base64("user:" + password)`: the credentials a browser sends after its login dialog.
std::string basic(std::string_view password) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string in = "user:" + std::string(password);
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    std::size_t n = std::min<std::size_t>(3, in.size() - i);
    unsigned chunk = 0;
    for (std::size_t j = 0; j < 3; ++j) chunk = chunk << 8 | (j < n ? static_cast<unsigned char>(in[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kDigits[(chunk >> (18 - 6 * j)) & 63] : '=';
  }
  return "Basic " + out;
}

TEST_F(DashboardTest, ServesThePageWithItsOwnScriptOnly) {
  serve();
  auto page = get("/cron");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  std::string policy = page->get_header_value("Content-Security-Policy");
  auto nonce = policy.substr(policy.find("'nonce-") + 7, 32);
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
  EXPECT_NE(page->body.find("<script nonce=\"" + nonce + "\">"), std::string::npos);
  EXPECT_EQ(page->body.find("__CRON_"), std::string::npos) << "a template marker was left in the page";
  EXPECT_EQ(page->body.find("http://"), page->body.find("http://www.w3.org/2000/svg")) << "the page loads something";
  EXPECT_NE(page->body.find("\"nightly-report\""), std::string::npos);
  EXPECT_EQ(get("/cron/")->status, 200);
  EXPECT_NE(get("/cron")->get_header_value("Content-Security-Policy"), policy) << "the nonce is not fresh";
}

TEST_F(DashboardTest, ShowsMarkupInTitlesAndMessagesAsText) {
  serve();
  runtime->start();
  advance_to("2026-03-01T10:30:00Z");  // import-feed fails with markup in its message
  for (std::string path : {"/cron", "/cron/jobs/import-feed", "/cron/jobs/nightly-report"}) {
    auto page = get(path);
    ASSERT_EQ(page->status, 200) << path;
    // The template's two script elements and nothing else: the state's strings cannot open or close one.
    EXPECT_EQ(count_of(page->body, "<script"), 2u) << path;
    EXPECT_EQ(count_of(page->body, "</script"), 2u) << path;
    EXPECT_EQ(page->body.find("alert(1)</"), std::string::npos) << path;
  }
  auto page = get("/cron")->body;
  EXPECT_NE(page.find(R"(\u003cscript\u003ealert(1)\u003c/script\u003e Nightly report)"), std::string::npos);
  EXPECT_NE(page.find(R"(\u003c/script\u003e\u003cscript\u003ealert(2)\u003c/script\u003e \u0026 the feed)"),
            std::string::npos);
  // The API returns the strings as they are: escaping is the page's business.
  auto jobs = json_of(get("/cron/api/jobs"));
  EXPECT_EQ(jobs["jobs"][0]["title"], kScriptTitle);
  EXPECT_EQ(jobs["jobs"][1]["last"]["message"], "</script><script>alert(2)</script> & the feed was empty");
}

TEST_F(DashboardTest, ListsJobsWithScheduleNextRunAndRecentExecutions) {
  serve();
  runtime->start();
  advance_to("2026-03-01T10:00:00Z");
  advance_to("2026-03-01T10:30:00Z");
  auto result = get("/cron/api/jobs");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(result->get_header_value("Cache-Control"), "no-store");
  json body = json_of(result);
  EXPECT_EQ(body["now"], "2026-03-01T10:30:00.000Z");
  EXPECT_EQ(body["runs_allowed"], true);
  ASSERT_EQ(body["jobs"].size(), 2u);
  const json& report = body["jobs"][0];
  EXPECT_EQ(report["id"], "nightly-report");
  EXPECT_EQ(report["schedule"], "every:120");
  EXPECT_EQ(report["description"], Schedule::every_minutes(120).value().describe());
  EXPECT_EQ(report["next_run"], "2026-03-01T12:00:00Z");
  EXPECT_EQ(report["time_zone"], nullptr);
  EXPECT_EQ(report["next_run_local"], "2026-03-01T12:00:00+00:00");
  EXPECT_EQ(report["running"], false);
  ASSERT_EQ(report["recent"].size(), 1u);
  const json& run = report["last"];
  EXPECT_EQ(run, report["recent"][0]);
  EXPECT_EQ(run["key"], "nightly-report@2026-03-01T10:00Z");
  EXPECT_EQ(run["job"], "nightly-report");
  EXPECT_EQ(run["outcome"], "succeeded");
  EXPECT_EQ(run["trigger"], "scheduled");
  EXPECT_EQ(run["attempt"], 1);
  EXPECT_EQ(run["scheduled"], "2026-03-01T10:00:00Z");
  EXPECT_TRUE(run["started"].is_string());
  EXPECT_TRUE(run["finished"].is_string());
  EXPECT_TRUE(run["duration_ms"].is_number_integer());
  EXPECT_EQ(run["message"], "");
  EXPECT_EQ(run["replica"], "test-replica");
  const json& feed = body["jobs"][1];
  EXPECT_EQ(feed["schedule"], "schedule:30 * * * *");
  EXPECT_EQ(feed["last"]["outcome"], "failed");
  EXPECT_EQ(feed["next_run"], "2026-03-01T11:30:00Z");
  EXPECT_EQ(report["state"], "up");
  EXPECT_EQ(feed["state"], "failing");
  EXPECT_EQ(report["paused"], nullptr);
  EXPECT_EQ(report["failures_24h"], 0);
  EXPECT_EQ(feed["failures_24h"], 1);
  EXPECT_EQ(report["doc"], "");
}

TEST_F(DashboardTest, AJobShowsItsDocComment) {
  static constexpr JobDefinition kDocumented[] = {
      {.id = "documented", .title = "Documented", .schedule_text = "every:60",
       .schedule = Schedule::every_minutes(60).value(), .run = &report, .endpoint = "test::report",
       .doc = "Sends the report.\nAsk <ops@example.com> first."},
  };
  make_runtime(kDocumented);
  serve();
  EXPECT_EQ(json_of(get("/cron/api/jobs/documented"))["job"]["doc"], "Sends the report.\nAsk <ops@example.com> first.");
  EXPECT_EQ(json_of(get("/cron/api/jobs"))["jobs"][0]["doc"], "Sends the report.\nAsk <ops@example.com> first.");
}

TEST_F(DashboardTest, CountsTheFailuresOfTheLast24Hours) {
  make_runtime();
  auto record = [&](std::chrono::hours ago, Outcome outcome) {
    Execution execution;
    execution.job_id = "import-feed";
    execution.key = "import-feed@" + std::to_string(ago.count());
    execution.started = clock->now() - ago;
    execution.finished = execution.started;
    execution.outcome = outcome;
    store->insert(execution);
  };
  record(25h, Outcome::failed);  // before the window
  record(4h, Outcome::succeeded);
  record(3h, Outcome::cancelled);  // stopped on purpose: not a failure
  record(2h, Outcome::timed_out);
  record(1h, Outcome::failed);
  serve();
  EXPECT_EQ(json_of(get("/cron/api/jobs/import-feed"))["job"]["failures_24h"], 2);
}

TEST_F(DashboardTest, PausesAndResumesAJobWithANoteAndWhoAsked) {
  serve();
  runtime->start();
  clock->set(TimePoint(at("2026-03-01T09:59:45Z")));
  auto paused = post("/cron/api/jobs/nightly-report/pause", {{"X-Cron-Actor", "ada@example.com"}},
                     R"({"note": "the report server is being moved"})");
  ASSERT_EQ(paused->status, 200) << paused->body;
  json expected_pause = {{"at", "2026-03-01T09:59:45.000Z"}, {"by", "ada@example.com"},
                         {"note", "the report server is being moved"}};
  EXPECT_EQ(json_of(paused), (json{{"job", "nightly-report"}, {"paused", expected_pause}}));
  json job = json_of(get("/cron/api/jobs/nightly-report"))["job"];
  EXPECT_EQ(job["state"], "paused");
  EXPECT_EQ(job["paused"], expected_pause);
  EXPECT_EQ(json_of(get("/cron/api/jobs"))["jobs"][0]["paused"], expected_pause);
  EXPECT_NE(get("/metrics")->body.find("cronjob_state{cronjob=\"nightly-report\",state=\"paused\"} 1\n"),
            std::string::npos);

  advance_to("2026-03-01T12:00:00Z");
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report"))["job"]["recent"], json::array()) << "a paused tick ran";
  auto resumed = post("/cron/api/jobs/nightly-report/resume");
  ASSERT_EQ(resumed->status, 200) << resumed->body;
  EXPECT_EQ(json_of(resumed), (json{{"job", "nightly-report"}, {"paused", nullptr}}));
  job = json_of(get("/cron/api/jobs/nightly-report"))["job"];
  EXPECT_EQ(job["paused"], nullptr);
  EXPECT_EQ(job["state"], "new");
  EXPECT_NE(get("/metrics")->body.find("cronjob_state{cronjob=\"nightly-report\",state=\"paused\"} 0\n"),
            std::string::npos);
  advance_to("2026-03-01T14:00:00Z");
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report"))["job"]["last"]["key"], "nightly-report@2026-03-01T14:00Z");
}

TEST_F(DashboardTest, APauseWithoutABodyOrActorIsByTheClientsAddress) {
  serve();
  auto paused = post("/cron/api/jobs/import-feed/pause");
  ASSERT_EQ(paused->status, 200) << paused->body;
  EXPECT_EQ(json_of(paused)["paused"]["by"], "127.0.0.1");
  EXPECT_EQ(json_of(paused)["paused"]["note"], "");
  EXPECT_EQ(post("/cron/api/jobs/import-feed/resume")->status, 200);
  EXPECT_EQ(post("/cron/api/jobs/import-feed/resume")->status, 200) << "resuming a job that runs is a no-op";
}

TEST_F(DashboardTest, RefusesABadPauseBodyAndUnknownJobs) {
  serve();
  for (std::string body : {"{", "[]", R"({"note": 5})", "note=x", R"("just a string")"}) {
    auto result = post("/cron/api/jobs/import-feed/pause", {}, body);
    EXPECT_EQ(result->status, 400) << body;
    EXPECT_EQ(json_of(result)["error"], R"(the body must be empty or JSON like {"note": "why it is paused"})");
  }
  EXPECT_EQ(json_of(get("/cron/api/jobs/import-feed"))["job"]["paused"], nullptr) << "a refused body paused it";
  EXPECT_EQ(post("/cron/api/jobs/no-such-job/pause")->status, 404);
  EXPECT_EQ(post("/cron/api/jobs/no-such-job/resume")->status, 404);
  EXPECT_EQ(post("/cron/api/jobs/import-feed/pause", {}, std::string(2000, ' '))->status, 413);
}

TEST_F(DashboardTest, AZonedJobsNextRunIsGivenInItsWallTimeToo) {
  static constexpr JobDefinition kZoned[] = {
      {"berlin-report", "Berlin report", "schedule:30 2 * * *", Schedule::cron("30 2 * * *").value(), &report,
       "test::report", "Europe/Berlin"},
  };
  clock->set(TimePoint(at("2027-10-30T12:00:00Z")));
  make_runtime(kZoned);
  serve();
  runtime->start();
  json job = json_of(get("/cron/api/jobs/berlin-report"))["job"];
  EXPECT_EQ(job["time_zone"], "Europe/Berlin");
  EXPECT_EQ(job["description"], "at 02:30 Europe/Berlin every day");
  EXPECT_EQ(job["next_run"], "2027-10-31T00:30:00Z");
  EXPECT_EQ(job["next_run_local"], "2027-10-31T02:30:00+02:00") << "the first of the day's two 02:30s";
}

TEST_F(DashboardTest, ShowsOneJob) {
  serve();
  json body = json_of(get("/cron/api/jobs/import-feed"));
  EXPECT_EQ(body["job"]["id"], "import-feed");
  EXPECT_EQ(body["job"]["last"], nullptr);
  EXPECT_EQ(body["job"]["recent"], json::array());
  EXPECT_EQ(body["now"], "2026-03-01T09:59:30.000Z");
  EXPECT_EQ(body["job"]["state"], "new");
  auto unknown = get("/cron/api/jobs/no-such-job");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(json_of(unknown)["error"], "no job 'no-such-job'");
  EXPECT_EQ(get("/cron/jobs/import-feed")->status, 200);
  EXPECT_EQ(get("/cron/jobs/no-such-job")->status, 404);
}

TEST_F(DashboardTest, PagesThroughTheHistoryNewestFirst) {
  serve();
  runtime->start();
  for (std::string hour : {"10", "12", "14", "16", "18"}) advance_to("2026-03-01T" + hour + ":00:00Z");
  std::vector<std::string> keys;
  std::string before = "0";
  for (int page = 0; page < 10; ++page) {
    auto result = get("/cron/api/jobs/nightly-report/executions?limit=2&before=" + before);
    ASSERT_EQ(result->status, 200);
    json body = json_of(result);
    EXPECT_LE(body["executions"].size(), 2u);
    for (const json& execution : body["executions"]) keys.push_back(execution["key"]);
    if (body["next_before"].is_null()) break;
    before = std::to_string(body["next_before"].get<std::int64_t>());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "nightly-report@2026-03-01T18:00Z", "nightly-report@2026-03-01T16:00Z",
                      "nightly-report@2026-03-01T14:00Z", "nightly-report@2026-03-01T12:00Z",
                      "nightly-report@2026-03-01T10:00Z"}));
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report/executions"))["executions"].size(), 5u);
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report/executions?limit=5"))["next_before"], nullptr);
}

TEST_F(DashboardTest, RefusesBadPagingParameters) {
  serve();
  for (std::string query : {"limit=0", "limit=201", "limit=ten", "limit=", "before=-1", "before=1x", "limit=2%20"}) {
    auto result = get("/cron/api/jobs/nightly-report/executions?" + query);
    EXPECT_EQ(result->status, 400) << query;
    EXPECT_TRUE(json_of(result).contains("error")) << query;
  }
  EXPECT_EQ(get("/cron/api/jobs/nightly-report/executions?limit=200&before=99")->status, 200);
  EXPECT_EQ(get("/cron/api/jobs/no-such-job/executions")->status, 404);
}

TEST_F(DashboardTest, RunNowAnswers202WithTheKeyOfTheNewExecution) {
  serve();
  runtime->start();
  auto result = post("/cron/api/jobs/nightly-report/run");
  ASSERT_EQ(result->status, 202);
  json body = json_of(result);
  EXPECT_EQ(body["job"], "nightly-report");
  EXPECT_EQ(body["key"], "nightly-report@manual-2026-03-01T09:59:30.000Z");
  runtime->wait_until_idle();
  json latest = json_of(get("/cron/api/jobs/nightly-report"))["job"]["last"];
  EXPECT_EQ(latest["key"], body["key"]);
  EXPECT_EQ(latest["trigger"], "manual");
  EXPECT_EQ(latest["outcome"], "succeeded");
}

TEST_F(DashboardTest, RunNowTakesAPostWithoutContentLength) {
  serve();
  // What `curl -X POST URL` sends: no body and no Content-Length.
  httplib::Client http("127.0.0.1", dashboard->port());
  httplib::Request request;
  request.method = "POST";
  request.path = "/cron/api/jobs/nightly-report/run";
  auto result = http.send(request);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 202) << result->body;
  runtime->wait_until_idle();
}

TEST_F(DashboardTest, CancelWhenNothingRunsIs409) {
  serve();
  runtime->start();
  auto result = post("/cron/api/jobs/nightly-report/cancel");
  EXPECT_EQ(result->status, 409);
  EXPECT_EQ(json_of(result)["error"], "job 'nightly-report' has no run in this process to cancel");
  EXPECT_EQ(post("/cron/api/jobs/no-such-job/cancel")->status, 404);
}

TEST_F(DashboardTest, BackfillAnswers202WithTheTickCountAndRunsThemWithTheirKeys) {
  serve();
  runtime->start();
  auto result = post("/cron/api/jobs/nightly-report/backfill", {},
                     R"({"from": "2026-03-01T04:00:00Z", "to": "2026-03-01T08:00:00Z"})");
  ASSERT_EQ(result->status, 202) << result->body;
  EXPECT_EQ(json_of(result), (json{{"job", "nightly-report"}, {"ticks", 3}}));
  runtime->wait_until_idle();
  runtime->wait_until_recorded();
  json executions = json_of(get("/cron/api/jobs/nightly-report/executions"))["executions"];
  ASSERT_EQ(executions.size(), 3u);
  EXPECT_EQ(executions[0]["key"], "nightly-report@2026-03-01T08:00Z");
  EXPECT_EQ(executions[0]["trigger"], "backfill");
  EXPECT_EQ(executions[2]["key"], "nightly-report@2026-03-01T04:00Z");
  EXPECT_EQ(executions[2]["outcome"], "succeeded");
}

TEST_F(DashboardTest, BackfillRefusesABadBodyTimeOrWindowWithA400ThatSaysWhy) {
  serve();
  runtime->start();
  auto error = [&](const std::string& body) {
    auto result = post("/cron/api/jobs/nightly-report/backfill", {}, body);
    EXPECT_EQ(result->status, 400) << body;
    return json_of(result)["error"].get<std::string>();
  };
  const std::string shape = R"(; send {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"})";
  EXPECT_EQ(error("not json"), "the body is not a JSON object" + shape);
  EXPECT_EQ(error(""), "the body is not a JSON object" + shape);
  EXPECT_EQ(error(R"({"from": "2026-03-01T00:00:00Z"})"), "'to' is missing or not a string" + shape);
  EXPECT_EQ(error(R"({"from": 5, "to": "2026-03-01T00:00:00Z"})"), "'from' is missing or not a string" + shape);
  EXPECT_EQ(error(R"({"from": "2026-03-01", "to": "2026-03-01T02:00:00Z"})"),
            "'from' is '2026-03-01', not an RFC 3339 UTC time such as 2026-03-01T00:00:00Z");
  EXPECT_EQ(error(R"({"from": "2026-03-01T00:00:00Z", "to": "2026-03-01T02:00:00+01:00"})"),
            "'to' is '2026-03-01T02:00:00+01:00', not an RFC 3339 UTC time such as 2026-03-01T00:00:00Z");
  EXPECT_EQ(error(R"({"from": "2026-03-01T04:00:00Z", "to": "2026-03-01T02:00:00Z"})"),
            "from (2026-03-01T04:00:00Z) is after to (2026-03-01T02:00:00Z)");
  EXPECT_EQ(error(R"({"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"})"),
            "to (2026-03-02T00:00:00Z) is in the future; the scheduler runs the ticks from now on "
            "(2026-03-01T09:59:30Z)");
  auto unknown = post("/cron/api/jobs/no-such-job/backfill", {},
                      R"({"from": "2026-03-01T00:00:00Z", "to": "2026-03-01T02:00:00Z"})");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(get("/cron/api/jobs/nightly-report/backfill")->status, 405);
  runtime->wait_until_idle();
  EXPECT_TRUE(json_of(get("/cron/api/jobs/nightly-report/executions"))["executions"].empty());
}

TEST_F(DashboardTest, RunNowOfAnUnknownJobIs404) {
  serve();
  auto result = post("/cron/api/jobs/no-such-job/run");
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(json_of(result)["error"], "no job 'no-such-job'");
}

TEST_F(DashboardTest, RunNowWhileTheJobRunsIs409) {
  serve();
  runtime->start();
  gate.close();
  ASSERT_EQ(post("/cron/api/jobs/nightly-report/run")->status, 202);
  gate.wait_until_entered();
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report"))["job"]["running"], true);
  EXPECT_EQ(json_of(get("/cron/api/jobs/nightly-report"))["job"]["last"]["finished"], nullptr);
  auto again = post("/cron/api/jobs/nightly-report/run");
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(json_of(again)["error"].get<std::string>().find("is running now"), std::string::npos);
  gate.open();
  runtime->wait_until_idle();
  clock->advance(1s);  // a manual run's key is its time: the next one gets a new one
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run")->status, 202);
  runtime->wait_until_idle();
}

TEST_F(DashboardTest, UnknownPathsAre404) {
  serve();
  for (std::string path : {"/", "/cron/api", "/cron/api/jobs/nightly-report/run/now", "/cron/jobs", "/metricsx",
                           "/cron/api/jobs//executions", "/favicon.ico"}) {
    EXPECT_EQ(get(path)->status, 404) << path;
    EXPECT_EQ(post(path)->status, 404) << path;
  }
  EXPECT_TRUE(json_of(get("/cron/api/nothing")).contains("error")) << "API errors are JSON";
  EXPECT_EQ(get("/nothing")->get_header_value("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(DashboardTest, AWrongMethodIs405WithAllow) {
  serve();
  auto post_to_list = post("/cron/api/jobs");
  EXPECT_EQ(post_to_list->status, 405);
  EXPECT_EQ(post_to_list->get_header_value("Allow"), "GET, HEAD");
  auto get_run = get("/cron/api/jobs/nightly-report/run");
  EXPECT_EQ(get_run->status, 405);
  EXPECT_EQ(get_run->get_header_value("Allow"), "POST");
  EXPECT_EQ(client().Delete("/cron")->status, 405);
  EXPECT_EQ(client().Put("/metrics", "", "text/plain")->status, 405);
  EXPECT_EQ(client().Options("/cron/api/jobs/nightly-report/run")->status, 405);
  auto head = client().Head("/cron");
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(DashboardTest, ALargeBodyIs413AndALongQuery414) {
  serve();
  auto large = post("/cron/api/jobs/nightly-report/run", {}, std::string(2048, 'x'));
  EXPECT_EQ(large->status, 413);
  EXPECT_NE(large->body.find("larger than 1024 bytes"), std::string::npos) << large->body;
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run", {}, std::string(1024, 'x'))->status, 202);
  runtime->wait_until_idle();
  auto long_query = get("/cron/api/jobs/nightly-report/executions?limit=1&pad=" + std::string(1100, 'x'));
  EXPECT_EQ(long_query->status, 414);
  EXPECT_NE(json_of(long_query)["error"].get<std::string>().find("longer than 1024 bytes"), std::string::npos);
}

TEST_F(DashboardTest, ATokenIsNeededForEveryRequest) {
  DashboardOptions options;
  options.token = "s3cret-token";
  serve(options);
  for (std::string path : {"/cron", "/cron/api/jobs", "/metrics", "/cron/jobs/nightly-report", "/nothing"}) {
    auto anonymous = get(path);
    EXPECT_EQ(anonymous->status, 401) << path;
    EXPECT_NE(anonymous->get_header_value("WWW-Authenticate").find("realm=\"cron\""), std::string::npos);
    EXPECT_EQ(get(path, {{"Authorization", "Bearer wrong-token"}})->status, 401) << path;
    EXPECT_EQ(get(path, {{"Authorization", "Bearer s3cret-token-and-more"}})->status, 401) << path;
    EXPECT_EQ(get(path, {{"Authorization", "Bearer s3cret-toke"}})->status, 401) << path;
    EXPECT_EQ(get(path, {{"Authorization", basic("wrong-token")}})->status, 401) << path;
  }
  EXPECT_EQ(json_of(get("/cron/api/jobs"))["error"], "this dashboard needs its token: Authorization: Bearer TOKEN");
  EXPECT_EQ(get("/cron/api/jobs", {{"Authorization", "Bearer s3cret-token"}})->status, 200);
  EXPECT_EQ(get("/cron", {{"Authorization", "bearer s3cret-token"}})->status, 200);
  EXPECT_EQ(get("/cron", {{"Authorization", basic("s3cret-token")}})->status, 200) << "a browser's login";
  EXPECT_EQ(get("/nothing", {{"Authorization", "Bearer s3cret-token"}})->status, 404);
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run")->status, 401);
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run", {{"Authorization", "Bearer s3cret-token"}})->status, 202);
  runtime->wait_until_idle();
}

TEST_F(DashboardTest, WithoutATokenANonLoopbackDashboardIsReadOnly) {
  DashboardOptions options;
  options.address = "0.0.0.0:0";
  serve(options);
  EXPECT_EQ(get("/cron")->status, 200);
  EXPECT_EQ(get("/metrics")->status, 200);
  EXPECT_EQ(json_of(get("/cron/api/jobs"))["runs_allowed"], false);
  auto run = post("/cron/api/jobs/nightly-report/run");
  EXPECT_EQ(run->status, 403);
  EXPECT_NE(json_of(run)["error"].get<std::string>().find("CRON_DASHBOARD_TOKEN"), std::string::npos);
  EXPECT_EQ(get("/cron", {{"Host", "cron.example.com:8080"}})->status, 200) << "any Host off loopback";
}

TEST_F(DashboardTest, WithATokenANonLoopbackDashboardRunsJobs) {
  DashboardOptions options;
  options.address = "0.0.0.0:0";
  options.token = "s3cret-token";
  serve(options);
  auto run = post("/cron/api/jobs/nightly-report/run", {{"Authorization", "Bearer s3cret-token"}});
  EXPECT_EQ(run->status, 202);
  runtime->wait_until_idle();
}

TEST_F(DashboardTest, OnLoopbackAnotherHostNameIsRefused) {
  serve();
  auto rebound = get("/cron/api/jobs", {{"Host", "attacker.example:8080"}});
  EXPECT_EQ(rebound->status, 403);
  EXPECT_NE(json_of(rebound)["error"].get<std::string>().find("attacker.example"), std::string::npos);
  std::string port = std::to_string(dashboard->port());
  for (std::string host : std::vector<std::string>{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                                                   "localhost", "127.0.0.2"})
    EXPECT_EQ(get("/cron/api/jobs", {{"Host", host}})->status, 200) << host;
}

TEST_F(DashboardTest, APostFromAnotherOriginIsRefused) {
  serve();
  std::string self = "http://127.0.0.1:" + std::to_string(dashboard->port());
  auto forged = post("/cron/api/jobs/nightly-report/run", {{"Origin", "http://attacker.example"}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run", {{"Origin", "null"}})->status, 403);
  EXPECT_EQ(post("/cron/api/jobs/nightly-report/run", {{"Origin", self}})->status, 202) << "the page's own POST";
  runtime->wait_until_idle();
  EXPECT_EQ(get("/cron/api/jobs", {{"Origin", "http://attacker.example"}})->status, 200) << "a GET is not a change";
}

TEST_F(DashboardTest, ServesTheMetricsAsPrometheusText) {
  serve();
  auto metrics = get("/metrics");
  EXPECT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(metrics->body.find("# TYPE cronjob_runs_total counter\n"), std::string::npos);
}

/// Starting and stopping, over a runtime that never starts.
class DashboardStartTest : public ::testing::Test {
 protected:
  static Options memory_store() {
    Options options;
    options.store = "memory:";
    return options;
  }
  Runtime runtime{memory_store(), kJobs};
};

TEST_F(DashboardStartTest, ReportsAMalformedAddress) {
  for (std::string address : {"nonsense", "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:99999", "127.0.0.1:80x",
                              "::1:8080", "[::1]8080"}) {
    Dashboard dashboard(runtime, {.address = address});
    Status started = dashboard.start();
    EXPECT_FALSE(started.ok()) << address;
    EXPECT_EQ(started.message(), "the dashboard address '" + address +
                                     "' is not HOST:PORT (for example 127.0.0.1:8080 or [::1]:8080)");
    EXPECT_FALSE(dashboard.serving());
    EXPECT_EQ(dashboard.url(), "");
  }
}

TEST_F(DashboardStartTest, ReportsAPortInUse) {
  Dashboard first(runtime, {.address = "127.0.0.1:0"});
  ASSERT_TRUE(first.start().ok());
  std::string taken = "127.0.0.1:" + std::to_string(first.port());
  EXPECT_EQ(first.url(), "http://" + taken + "/cron");
  Dashboard second(runtime, {.address = taken});
  Status started = second.start();
  EXPECT_FALSE(started.ok());
  EXPECT_EQ(started.message(), "the dashboard cannot listen on " + taken + ": Address already in use");
}

TEST_F(DashboardStartTest, TakesItsAddressAndTokenFromTheOptions) {
  Dashboard off(runtime);
  EXPECT_TRUE(off.start().ok()) << "no address: no dashboard, and no error";
  EXPECT_FALSE(off.serving());
  EXPECT_EQ(off.port(), 0);

  Options configured;
  configured.dashboard = "[::1]:0";
  configured.dashboard_token = "t";
  DashboardOptions from = DashboardOptions::from(configured);
  EXPECT_EQ(from.address, "[::1]:0");
  EXPECT_EQ(from.token, "t");
}

TEST_F(DashboardStartTest, StopsAndStartsAgain) {
  Dashboard dashboard(runtime, {.address = "127.0.0.1:0"});
  ASSERT_TRUE(dashboard.start().ok());
  dashboard.stop();
  EXPECT_FALSE(dashboard.serving());
  ASSERT_TRUE(dashboard.start().ok());
  httplib::Client client("127.0.0.1", dashboard.port());
  EXPECT_EQ(client.Get("/cron/api/jobs")->status, 200);
}

}  // namespace
}  // namespace cron::testing_dashboard

namespace cron::testing_dashboard {
namespace {

TEST_F(DashboardTest, AnInterruptedRunHasNoFinishTimeAndNoDuration) {
  serve();
  Execution execution;
  execution.job_id = "nightly-report";
  execution.key = "nightly-report@2026-03-01T08:00Z";
  execution.scheduled = at("2026-03-01T08:00:00Z");
  execution.started = TimePoint(at("2026-03-01T08:00:00Z"));
  store->insert(execution);
  store->mark_interrupted();
  auto result = get("/cron/api/jobs/nightly-report/executions");
  ASSERT_TRUE(result);
  auto run = json_of(result)["executions"].at(0);
  EXPECT_EQ(run["outcome"], "interrupted");
  EXPECT_EQ(run["finished"], nullptr);
  EXPECT_EQ(run["duration_ms"], nullptr);
}

TEST_F(DashboardTest, AStoreErrorIs503WithItsMessageNeverAnEmptyHistory) {
  Options options;
  options.clock = clock;
  auto faults = std::make_unique<test::FaultStore>(make_memory_store());
  test::FaultStore& failing = *faults;
  options.store_instance = std::move(faults);
  runtime = std::make_unique<Runtime>(std::move(options), kJobs);
  serve();
  failing.fail(test::FaultStore::Call::history, -1, "sqlite:cron.db: disk I/O error");
  auto result = get("/cron/api/jobs/nightly-report/executions");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_NE(result->body.find("sqlite:cron.db: disk I/O error"), std::string::npos) << result->body;
  failing.fail(test::FaultStore::Call::pause, -1, "sqlite:cron.db: database is locked");
  failing.fail(test::FaultStore::Call::resume, -1, "sqlite:cron.db: database is locked");
  for (std::string action : {"pause", "resume"}) {
    auto refused = post("/cron/api/jobs/nightly-report/" + action);
    EXPECT_EQ(refused->status, 503) << action;
    EXPECT_EQ(json_of(refused)["error"], "sqlite:cron.db: database is locked") << action;
  }
}

}  // namespace
}  // namespace cron::testing_dashboard
