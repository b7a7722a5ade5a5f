#include "scheduler/pauses.hpp"

namespace cron::scheduler {

void Pauses::refresh() {
  std::uint64_t before = 0;
  {
    std::lock_guard lock(mutex_);
    before = applied_;
  }
  std::vector<PauseRecord> read;
  try {
    read = store_.pauses();
    events_.store_answered();
  } catch (const std::exception& error) {
    events_.store_failed(error);
    return;
  }
  std::lock_guard lock(mutex_);
  if (applied_ != before) return;  // this runtime paused or resumed a job meanwhile: the next read has it
  records_.clear();
  for (PauseRecord& record : read) {
    std::string job_id = record.job_id;
    records_.emplace(std::move(job_id), std::move(record));
  }
}

void Pauses::apply(PauseRecord record) {
  std::lock_guard lock(mutex_);
  ++applied_;
  std::string job_id = record.job_id;
  records_.insert_or_assign(std::move(job_id), std::move(record));
}

std::optional<Pause> Pauses::of(std::string_view job_id) const {
  std::lock_guard lock(mutex_);
  auto found = records_.find(job_id);
  if (found == records_.end() || found->second.resumed) return std::nullopt;
  return found->second.pause;
}

std::optional<TimePoint> Pauses::resumed(std::string_view job_id) const {
  std::lock_guard lock(mutex_);
  auto found = records_.find(job_id);
  if (found == records_.end()) return std::nullopt;
  return found->second.resumed;
}

}  // namespace cron::scheduler
