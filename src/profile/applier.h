// Applies and reverts profiles through the module's control file. A profile
// is engaged whole or not at all, by the executor `engage` uses: when one
// target fails, what this call engaged is disengaged again. Targets already
// engaged with the profile's value and condition count as applied, so
// applying twice changes nothing.
#pragma once

#include <string>
#include <vector>

#include "profile/applicability.h"
#include "profile/kernel_facts.h"
#include "profile/profile.h"
#include "system/system.h"

namespace ks::profile {

struct ApplyOptions {
  bool dry_run = false;          // decide and report, write nothing
  bool ignore_version = false;   // apply even where the kernel is fixed
  bool include_unknown = false;  // apply where the need is unknown, too
  bool named = false;            // the operator named this profile: unknown need is no reason to skip it
};

enum class Outcome {
  kApplied,         // engaged now (or would be, in a dry run)
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

ProfileResult apply_profile(const Profile& profile, const KernelFacts& facts, system::System& sys,
                            const ApplyOptions& options);

ProfileResult revert_profile(const Profile& profile, system::System& sys, bool dry_run = false);

}  // namespace ks::profile
