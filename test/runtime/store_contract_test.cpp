// The store contract (store_contract.hpp) on the memory and SQLite stores; the PostgreSQL store runs it in
// postgres/postgres_contract_test.cpp.

#include "store_contract.hpp"

#include <unistd.h>

#include <filesystem>

namespace cron::test {
namespace {

struct MemoryStoreFactory {
  static constexpr const char* kSkipReason = "";
  std::unique_ptr<Store> open() { return make_memory_store(); }
};

struct SqliteStoreFactory {
  static constexpr const char* kSkipReason = "";
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("cronc-contract-" + std::to_string(::getpid()) + ".db");
  SqliteStoreFactory() { remove(); }
  ~SqliteStoreFactory() { remove(); }
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm", ".lock"}) std::filesystem::remove(path.string() + suffix);
  }
  std::unique_ptr<Store> open() { return make_sqlite_store(path.string()); }
};

using Stores = testing::Types<MemoryStoreFactory, SqliteStoreFactory>;
INSTANTIATE_TYPED_TEST_SUITE_P(Embedded, StoreContract, Stores);

}  // namespace
}  // namespace cron::test
