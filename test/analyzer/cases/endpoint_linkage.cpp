#include <cron/cron.hpp>

static void hidden();
namespace {
void anonymous();
}

const cron::CronJob file_static{"file-static", {.every = "1h", .endpoint = &hidden}};
// CHECK-MESSAGES: :[[@LINE-1]]:76: error: endpoint 'hidden' of job 'file-static' has internal linkage, so the generated registration cannot call it; remove 'static' or move it out of the anonymous namespace [cron-endpoint-linkage]
// CHECK-MESSAGES: :3:13: note: 'hidden' is declared here

const cron::CronJob unnamed{"unnamed", {.every = "1h", .endpoint = &anonymous}};
// CHECK-MESSAGES: :[[@LINE-1]]:68: error: endpoint '(anonymous namespace)::anonymous' of job 'unnamed' has internal linkage, so the generated registration cannot call it; remove 'static' or move it out of the anonymous namespace [cron-endpoint-linkage]
// CHECK-MESSAGES: :5:6: note: '(anonymous namespace)::anonymous' is declared here

struct Local {
  static void run();
};
const cron::CronJob local_class{"local-class", {.every = "1h", .endpoint = &Local::run}};
// CHECK-MESSAGES: :[[@LINE-1]]:76: error: endpoint 'Local::run' of job 'local-class' is a member of a class defined in a source file, so the generated registration cannot call it; declare the class in a header [cron-endpoint-linkage]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'Local::run' is declared here
