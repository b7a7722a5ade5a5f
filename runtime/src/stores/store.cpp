// The Store interface's batch calls for a store with no transactions of its own: the single calls in turn.

#include <cron/store.hpp>

namespace cron {

std::vector<std::optional<Claim>> Store::claim_all(std::span<const ClaimAsk> asks, const Lease& lease) {
  std::vector<std::optional<Claim>> answers;
  answers.reserve(asks.size());
  for (const ClaimAsk& ask : asks) answers.push_back(claim(ask.tick, ask.purpose, lease));
  return answers;
}

void Store::write_all(std::span<Write> writes, const Lease& lease) {
  for (Write& write : writes) {
    switch (write.kind) {
      case Write::Kind::insert:
        insert(write.execution);
        break;
      case Write::Kind::finish:
        finish(write.execution);
        break;
      case Write::Kind::complete:
        complete(write.key, lease);
        break;
    }
  }
}

}  // namespace cron
