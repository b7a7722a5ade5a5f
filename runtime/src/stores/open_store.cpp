#include <cron/store.hpp>

namespace cron {

std::unique_ptr<Store> open_store(std::string_view uri) {
  if (uri == "memory:") return make_memory_store();
  if (uri.starts_with("sqlite:") && uri.size() > 7) return make_sqlite_store(std::string(uri.substr(7)));
  if (uri.starts_with("postgresql://") || uri.starts_with("postgres://")) return make_postgres_store(std::string(uri));
  throw StoreError("unknown store '" + std::string(uri) +
                   "'; use memory:, sqlite:PATH or postgresql://... (CRON_STORE or cron::Options::store)");
}

}  // namespace cron
