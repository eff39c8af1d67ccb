// Functions of a loaded module that ftrace can trace, for the guest tests
// and the benchmark that engage many of them at once (an idle module's
// functions, which nothing calls meanwhile).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ks::guest {

// Up to @want distinct names from available_filter_functions (tracefs must
// be mounted), without compiler clones and without the __traceiter_ stubs,
// which belong to the tracing machinery the module refuses.
std::vector<std::string> module_functions(const std::string& module, size_t want);

}  // namespace ks::guest
