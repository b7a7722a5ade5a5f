#pragma once
/// Writes generated files so that a build never sees half a file and an unchanged file keeps its timestamp.

#include <string>

namespace cronc {

/// Writes `content` to `path` through a temporary in the same folder and a rename, and only when the file's
/// current content differs. Returns false with a one-line `error` on I/O failure.
bool write_if_changed(const std::string& path, const std::string& content, std::string& error);

}  // namespace cronc
