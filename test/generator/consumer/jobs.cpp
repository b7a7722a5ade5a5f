#include <cron/cron.hpp>

#include <iostream>

namespace consumer {

void heartbeat() { std::cout << "consumer: heartbeat" << std::endl; }

// Says the service is alive.
const cron::CronJob heartbeatJob{"heartbeat", {
    .title = "Heartbeat",
    .every = "10m",
    .endpoint = &heartbeat,
}};

}  // namespace consumer
