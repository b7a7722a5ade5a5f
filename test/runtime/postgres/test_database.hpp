#pragma once
// A database of its own for each test, on the server CRONC_TEST_POSTGRES names (scripts/postgres.sh start).

#include <cron/schedule.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cron::test {

/// The server's URI from CRONC_TEST_POSTGRES; empty when it is unset (the tests skip then).
std::optional<std::string> postgres_server();

/// Why a test skips without a server, and how to start one.
inline constexpr std::string_view kNoServer =
    "CRONC_TEST_POSTGRES is not set, so there is no PostgreSQL to test against; start a throw-away server with "
    "`export \"$(bash scripts/postgres.sh start)\"` (and `bash scripts/postgres.sh stop` afterwards)";

/// A fresh database named after the test (dropped first if a previous run left it), on `server`.
class TestDatabase {
 public:
  TestDatabase(const std::string& server, std::string_view name);

  /// The database's URI, for make_postgres_store().
  const std::string& uri() const { return uri_; }
  /// Runs `sql` and returns its rows as text (NULL as "NULL"); throws std::runtime_error on an error.
  std::vector<std::vector<std::string>> query(const std::string& sql) const;
  /// The first column of the first row of `sql`.
  std::string value(const std::string& sql) const;

 private:
  std::string uri_;
};

/// Runs SQL on the database `uri` names, as TestDatabase::query does.
std::vector<std::vector<std::string>> query(const std::string& uri, const std::string& sql);

/// A test on a database of its own; skips with kNoServer when CRONC_TEST_POSTGRES is unset.
class PostgresTest : public testing::Test {
 protected:
  void SetUp() override;

  std::unique_ptr<TestDatabase> database;
};

/// A UTC time written as `2026-03-01T10:00:00Z`.
std::chrono::sys_seconds at(std::string_view text);

}  // namespace cron::test
