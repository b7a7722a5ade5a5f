#include "test_database.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace cron::test {

namespace {

/// `uri` with its database name replaced by `name`.
std::string with_database(const std::string& uri, const std::string& name) {
  std::size_t path = uri.find('/', uri.find("://") + 3);
  std::size_t options = uri.find('?');
  std::string base = path == std::string::npos ? uri.substr(0, options) : uri.substr(0, path);
  return base + "/" + name + (options == std::string::npos ? "" : uri.substr(options));
}

}  // namespace

std::optional<std::string> postgres_server() {
  const char* uri = std::getenv("CRONC_TEST_POSTGRES");
  if (uri == nullptr || *uri == '\0') return std::nullopt;
  return std::string(uri);
}

std::vector<std::vector<std::string>> query(const std::string& uri, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(uri.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect to " + uri + ": " + PQerrorMessage(connection.get()));
  PQsetNoticeProcessor(connection.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
  auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    throw std::runtime_error(sql + ": " + PQerrorMessage(connection.get()));
  std::vector<std::vector<std::string>> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    rows.emplace_back();
    for (int column = 0; column < PQnfields(result.get()); ++column)
      rows.back().push_back(PQgetisnull(result.get(), row, column) ? "NULL" : PQgetvalue(result.get(), row, column));
  }
  return rows;
}

TestDatabase::TestDatabase(const std::string& server, std::string_view name) {
  std::string database = "cronc_";
  for (char c : name) database += static_cast<char>(std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_');
  database = database.substr(0, 63);
  test::query(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  test::query(server, "CREATE DATABASE " + database);
  uri_ = with_database(server, database);
}

std::vector<std::vector<std::string>> TestDatabase::query(const std::string& sql) const {
  return test::query(uri_, sql);
}

void PostgresTest::SetUp() {
  auto server = postgres_server();
  if (!server) GTEST_SKIP() << kNoServer;
  database = std::make_unique<TestDatabase>(*server, testing::UnitTest::GetInstance()->current_test_info()->name());
}

std::chrono::sys_seconds at(std::string_view text) {
  std::chrono::sys_seconds time;
  EXPECT_TRUE(parse_utc(text, time)) << text;
  return time;
}

std::string TestDatabase::value(const std::string& sql) const {
  auto rows = query(sql);
  if (rows.empty() || rows[0].empty()) throw std::runtime_error(sql + ": no rows");
  return rows[0][0];
}

}  // namespace cron::test
