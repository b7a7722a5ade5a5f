#include "dashboard/routes.hpp"

#include <array>
#include <vector>

namespace cron::dashboard {

namespace {

struct RouteEntry {
  std::string_view pattern;  ///< segments; `{id}` matches one non-empty segment
  std::string_view method;
  Route route;
};

constexpr std::array kRoutes = {
    RouteEntry{"/cron", "GET", Route::jobs_page},
    RouteEntry{"/cron/", "GET", Route::jobs_page},
    RouteEntry{"/cron/jobs/{id}", "GET", Route::job_page},
    RouteEntry{"/cron/api/jobs", "GET", Route::jobs},
    RouteEntry{"/cron/api/jobs/{id}", "GET", Route::job},
    RouteEntry{"/cron/api/jobs/{id}/executions", "GET", Route::executions},
    RouteEntry{"/cron/api/jobs/{id}/run", "POST", Route::run},
    RouteEntry{"/cron/api/jobs/{id}/cancel", "POST", Route::cancel},
    RouteEntry{"/cron/api/jobs/{id}/pause", "POST", Route::pause},
    RouteEntry{"/cron/api/jobs/{id}/resume", "POST", Route::resume},
    RouteEntry{"/cron/api/jobs/{id}/backfill", "POST", Route::backfill},
    RouteEntry{"/metrics", "GET", Route::metrics},
};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> result;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    result.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return result;
}

/// Whether `path` matches `pattern`, and the `{id}` segment it holds.
bool matches(std::string_view pattern, std::string_view path, std::string& id) {
  auto want = segments(pattern);
  auto have = segments(path);
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "{id}") {
      if (have[i].empty()) return false;
      id = std::string(have[i]);
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Routed route(std::string_view method, std::string_view path) {
  if (method == "HEAD") method = "GET";
  Routed routed;
  for (const RouteEntry& entry : kRoutes) {
    std::string id;
    if (!matches(entry.pattern, path, id)) continue;
    if (entry.method != method) {
      routed.result = Routed::Result::wrong_method;
      routed.allow = entry.method == "GET" ? "GET, HEAD" : entry.method;
      continue;
    }
    routed.result = Routed::Result::found;
    routed.route = entry.route;
    routed.job_id = std::move(id);
    return routed;
  }
  return routed;
}

}  // namespace cron::dashboard
