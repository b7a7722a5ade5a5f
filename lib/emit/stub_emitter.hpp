#pragma once
/// The registration stub (docs/design.md): a C++ source, compiled into the user's target, that defines the job
/// table the runtime runs and reaches each endpoint by a forward declaration or the header of its class.

#include "model/job_decl.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cronc {

/// The stub's bytes, deterministic (jobs sorted by ID). `jobs` must be valid (the analysis found no errors).
std::string render_stub(const std::vector<JobDecl>& jobs);

/// `text` as the body of a C++ string literal: quotes, backslashes, control characters, `??` (trigraph
/// lookalikes) and every non-ASCII byte escaped, so the literal means the same bytes under any source charset.
std::string escape_cpp_string(std::string_view text);

}  // namespace cronc
