// What `killswitch metrics` exposes (docs/metrics.md): the metric families
// of one snapshot, named after Prometheus' conventions (snake_case, _total
// only on counters, _info gauges of value 1 that carry labels).
#pragma once

#include <string>
#include <vector>

#include "metrics/exposition.h"
#include "metrics/snapshot.h"

namespace ks::metrics {

// @version is the tool's own (KS_VERSION).
std::vector<Family> families(const Snapshot& snapshot, const std::string& version);

}  // namespace ks::metrics
