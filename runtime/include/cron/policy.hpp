#pragma once
/// The per-job policies a declaration can choose, shared by the header, the analyzer, the exporters and the
/// runtime (docs/design.md, "Per-job policies").

namespace cron {

/// What to do with ticks that passed while the process was down or the clock jumped forward.
enum class CatchUp {
  skip,        ///< record each as `missed` (the default)
  run_latest,  ///< record the older ones as `missed` and run the latest once
};

}  // namespace cron
