#pragma once
/// The dashboard's one HTML page (page.html, embedded at build time): the job list and a job's history.

#include "dashboard/reply.hpp"

#include <nlohmann/json.hpp>

namespace cron::dashboard {

/// Makes JSON safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, which
/// only ever occur inside JSON strings, so the value parses the same and no text can close the element.
std::string json_for_script(const nlohmann::json& value);

/// The page with `state` embedded (what it would fetch first: `{"view": "jobs", "jobs": ...}` or
/// `{"view": "job", "job": ..., "executions": ...}`), under a Content-Security-Policy that runs only its own script.
Reply page_reply(const nlohmann::json& state);

}  // namespace cron::dashboard
