// The store contract (../store_contract.hpp) on a real PostgreSQL, one database per test.

#include "../store_contract.hpp"
#include "test_database.hpp"

namespace cron::test {
namespace {

struct PostgresStoreFactory {
  static constexpr std::string_view kSkipReason = kNoServer;
  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<Store> open() {
    auto server = postgres_server();
    if (!server) return nullptr;
    database = std::make_unique<TestDatabase>(
        *server, std::string("contract_") + testing::UnitTest::GetInstance()->current_test_info()->name());
    return make_postgres_store(database->uri());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreContract, testing::Types<PostgresStoreFactory>);

}  // namespace
}  // namespace cron::test
