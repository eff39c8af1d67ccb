// Reaches the set-up code of traffic-control objects the way root, or any
// user in a user and network namespace of its own, can: a qdisc, a class of
// a classful qdisc, or a filter, created over rtnetlink on the loopback
// device of a fresh network namespace (the host's own devices are never
// touched), which autoloads the kind's module (sch_<kind>, cls_<kind>).
// Packet-scheduler mitigations in the catalog act on a function the kind's
// set-up calls: a qdisc's change (its init calls it once its own state is
// set up, and qdisc_create runs the destroy after a failed init), a class's
// change, a filter's change.
#pragma once

#include <string>
#include <vector>

#include "trigger/trip.h"

namespace ks::trigger {

// A root qdisc of @kind on lo, with the options that make its init call its
// change (netem: a tc_netem_qopt; ets: one band; others: an empty set).
// The trip fails at "RTM_NEWQDISC(<kind>)" with the kernel's errno.
Trip qdisc_create(const std::string& kind);

// A class under a root qdisc of @qdisc_kind (drr, qfq): its change_class.
// Fails at "RTM_NEWQDISC(<kind>)" or at "RTM_NEWTCLASS(<kind>)".
Trip tc_class_create(const std::string& qdisc_kind);

// A filter of @kind (u32, fw, route, ...) under an ingress qdisc on lo:
// its init, then its change. Fails at "RTM_NEWTFILTER(<kind>)".
Trip tc_filter_create(const std::string& kind);

// The words of `ks-trigger qdisc <kind>`, `tc-class <qdisc-kind>` and
// `tc-filter <kind>`.
util::Result<Trip> qdisc_from_words(const std::vector<std::string>& words);
util::Result<Trip> tc_class_from_words(const std::vector<std::string>& words);
util::Result<Trip> tc_filter_from_words(const std::vector<std::string>& words);

}  // namespace ks::trigger
