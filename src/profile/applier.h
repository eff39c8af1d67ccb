// Applies and reverts profiles through the module's control file. A profile
// goes the road `engage` goes (engage/plan.h): every target is resolved to
// its function and clones and judged by the safety rules before anything is
// written, then engaged whole or not at all: when one target fails, what
// this call engaged is disengaged again. Targets already
// engaged with the profile's value and condition count as applied, so
// applying twice changes nothing.
#pragma once

#include <string>
#include <vector>

#include "engage/plan.h"
#include "kernel/kernel_info.h"
#include "profile/applicability.h"
#include "profile/kernel_facts.h"
#include "profile/profile.h"
#include "system/backend.h"
#include "system/system.h"

namespace ks::profile {

struct ApplyOptions {
  bool dry_run = false;          // decide and report, write nothing
  bool ignore_version = false;   // apply even where the kernel is fixed
  bool include_unknown = false;  // apply where the need is unknown, too
  bool named = false;            // the operator named this profile: unknown need is no reason to skip it
  unsigned confirm_seconds = 0;  // engage with expire=: undone unless confirmed (0: for good)
};

enum class Outcome {
  kApplied,         // engaged now
  kWouldApply,      // a dry run found nothing that would stop it
  kAlreadyApplied,  // every target was engaged as the profile says
  kNotApplicable,   // the running kernel does not need it
  kUnknown,         // not applied: whether the running kernel needs it is unknown
  kFailed,          // nothing of it is engaged by this call; reason says why
  kReverted,        // revert: disengaged what was engaged
  kNotApplied,      // revert: nothing of it was engaged
};

const char* outcome_name(Outcome outcome);  // "applied", "already-applied", ...

// What happened to one target.
enum class Action {
  kEngaged,
  kAlreadyEngaged,
  kWouldEngage,
  kConflict,  // engaged otherwise than the profile says
  kFailed,
  kRolledBack,
  kRollbackFailed,
  kDisengaged,
  kWouldDisengage,
  kNotEngaged,
  kLeftAlone,  // revert: engaged otherwise, not this profile's to undo
};

const char* action_name(Action action);  // "engaged", "already engaged", ...

struct TargetResult {
  std::string function;
  Action action = Action::kFailed;
  std::string error;  // empty unless it failed
};

struct ProfileResult {
  std::string id;
  std::string source;
  Outcome outcome = Outcome::kFailed;
  bool dry_run = false;
  bool changed = false;  // the kernel's state changed
  std::string reason;
  Verdict applicability;
  std::vector<TargetResult> targets;
};

// The checks `engage` makes, for @targets of a profile: the one road that
// apply, persist and profiles validate share (engage/plan.h).
engage::Plan plan_targets(const std::vector<const Target*>& targets, kernel::KernelInfo& info, system::Backend backend,
                          unsigned confirm_seconds = 0);
engage::Plan plan_profile(const Profile& profile, kernel::KernelInfo& info, system::Backend backend);

// @info is the running kernel as @sys shows it, shared by the profiles of one run.
ProfileResult apply_profile(const Profile& profile, const KernelFacts& facts, system::System& sys,
                            kernel::KernelInfo& info, const ApplyOptions& options);

ProfileResult revert_profile(const Profile& profile, system::System& sys, bool dry_run = false);

}  // namespace ks::profile
