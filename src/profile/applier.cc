#include "profile/applier.h"

#include "engage/plan.h"
#include "engage/transaction.h"
#include "profile/ownership.h"
#include "system/backend.h"
#include "system/lockdown.h"
#include "util/text.h"
#include "wire/channel.h"

namespace ks::profile {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kApplied:
      return "applied";
    case Outcome::kWouldApply:
      return "would-apply";
    case Outcome::kAlreadyApplied:
      return "already-applied";
    case Outcome::kNotApplicable:
      return "not-applicable";
    case Outcome::kUnknown:
      return "unknown";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kReverted:
      return "reverted";
    case Outcome::kNotApplied:
      return "not-applied";
  }
  return "?";
}

const char* action_name(Action action) {
  switch (action) {
    case Action::kEngaged:
      return "engaged";
    case Action::kAlreadyEngaged:
      return "already engaged";
    case Action::kWouldEngage:
      return "would engage";
    case Action::kConflict:
      return "conflict";
    case Action::kFailed:
      return "failed";
    case Action::kRolledBack:
      return "rolled back";
    case Action::kRollbackFailed:
      return "rollback failed";
    case Action::kDisengaged:
      return "disengaged";
    case Action::kWouldDisengage:
      return "would disengage";
    case Action::kNotEngaged:
      return "not engaged";
    case Action::kLeftAlone:
      return "left alone";
  }
  return "?";
}

namespace {

std::string describe(const wire::EngagedLine& line) {
  std::string s = "retval=" + std::to_string(line.retval);
  if (auto state = line.state()) s += " state=" + std::string(wire::state_name(*state));
  if (!line.condition().empty()) s += " if=" + line.condition();
  return s;
}

ProfileResult start(const Profile& p) {
  ProfileResult r;
  r.id = p.id;
  r.source = p.source.string();
  return r;
}

// Sorts the profile's targets into those already engaged as it says (noted
// in @r) and those still to engage; nullopt with @r's reason set when one is
// engaged otherwise.
std::optional<std::vector<const Target*>> still_to_engage(const Profile& p, const std::vector<wire::EngagedLine>& lines,
                                                          ProfileResult& r) {
  std::vector<const Target*> todo;
  for (const Target& t : p.targets) {
    const wire::EngagedLine* line = wire::find_engaged(lines, t.function);
    if (!line) {
      todo.push_back(&t);
      continue;
    }
    if (!engaged_as(*line, t)) {
      r.targets.push_back(
          {t.function, Action::kConflict, "already engaged as " + describe(*line) + ", not as this profile says"});
      r.reason = t.function + " is already engaged differently (" + describe(*line) + "); disengage it first";
      return std::nullopt;
    }
    r.targets.push_back({t.function, Action::kAlreadyEngaged, ""});
  }
  return todo;
}

// The plan for @todo, a stop noted in @r.
std::optional<engage::Plan> plan_or_note(kernel::KernelInfo& info, system::Backend backend,
                                         const std::vector<const Target*>& todo, unsigned confirm_seconds,
                                         ProfileResult& r) {
  engage::Plan plan = plan_targets(todo, info, backend, confirm_seconds);
  if (plan.ok()) return plan;
  const check::Report* report = plan.stopped_report();
  r.targets.push_back({report ? report->target : std::string(), Action::kFailed, plan.why});
  r.reason = "refused before anything was engaged: " + plan.why;
  return std::nullopt;
}

// Engages the plan all or none, noting each target in @r.
void engage_all(system::System& sys, const engage::Plan& plan, ProfileResult& r) {
  engage::Outcome outcome = engage::execute(sys, plan);
  if (outcome.ok()) {
    for (const auto& c : plan.commands) r.targets.push_back({c.target, Action::kEngaged, ""});
    r.outcome = Outcome::kApplied;
    r.changed = true;
    return;
  }
  const wire::Command& failed = *outcome.failed;
  r.targets.push_back({failed.target, Action::kFailed, outcome.error->code.message()});
  for (const auto& t : outcome.rolled_back) r.targets.push_back({t, Action::kRolledBack, ""});
  for (const auto& t : outcome.rollback_failures)
    r.targets.push_back({t, Action::kRollbackFailed, "still engaged: disengage it by hand"});
  r.reason = "engage " + failed.target + " " + std::to_string(failed.value) + ": " + outcome.error->code.message() +
             (outcome.rolled_back.empty() ? "" : "; rolled back " + util::join(outcome.rolled_back));
}

// What stops a run that the plan cannot see: no killswitch, or lockdown.
std::string kernel_refusal(system::System& sys, system::Backend backend) {
  if (backend == system::Backend::kNone) return "killswitch is not loaded (no control file; modprobe killswitch)";
  auto level = system::parse_lockdown(sys.lockdown().value_or(""));
  if (system::refuses_changes(level))
    return "the kernel is locked down (" + std::string(system::lockdown_name(level)) +
           "): it refuses every change at run time; persist the profile for the next boot instead";
  return {};
}

}  // namespace

engage::Plan plan_targets(const std::vector<const Target*>& targets, kernel::KernelInfo& info, system::Backend backend,
                          unsigned confirm_seconds) {
  std::vector<check::Request> requests;
  for (const Target* t : targets)
    requests.push_back({t->function, t->retval,
                        t->condition.empty() ? std::nullopt : std::optional<std::string>(t->condition),
                        wire::Verb::kEngage});
  engage::PlanOptions options;
  options.confirm_seconds = confirm_seconds;
  return engage::plan(info, backend, requests, options);
}

engage::Plan plan_profile(const Profile& profile, kernel::KernelInfo& info, system::Backend backend) {
  std::vector<const Target*> all;
  for (const auto& t : profile.targets) all.push_back(&t);
  return plan_targets(all, info, backend);
}

ProfileResult apply_profile(const Profile& p, const KernelFacts& facts, system::System& sys, kernel::KernelInfo& info,
                            const ApplyOptions& options) {
  ProfileResult r = start(p);
  r.dry_run = options.dry_run;
  r.applicability = decide(p, facts);
  const Need need = r.applicability.need;
  if (need == Need::kNotNeeded && !options.ignore_version) {
    r.outcome = Outcome::kNotApplicable;
    r.reason = r.applicability.reason;
    return r;
  }
  // Never on a guess: a profile whose need is unknown is applied only when
  // the operator named it or asked for unknown ones.
  if (need == Need::kUnknown && !options.named && !options.include_unknown && !options.ignore_version) {
    r.outcome = Outcome::kUnknown;
    r.reason = r.applicability.reason + "; name the profile, or pass --include-unknown, to apply it anyway";
    return r;
  }
  std::string why = need == Need::kNeeded ? r.applicability.reason
                    : need == Need::kUnknown && !options.ignore_version
                        ? "applied as asked, though the need is unknown: " + r.applicability.reason
                        : "applied regardless of version (--ignore-version): " + r.applicability.reason;

  std::vector<wire::EngagedLine> lines;
  if (sys.killswitch_present()) {
    auto engaged = wire::read_engaged(sys);
    if (!engaged) {
      r.reason = "cannot read the engaged file: " + engaged.error().message();
      return r;
    }
    lines = std::move(*engaged);
  }

  auto todo = still_to_engage(p, lines, r);
  if (!todo) return r;
  if (todo->empty()) {
    r.outcome = Outcome::kAlreadyApplied;
    r.reason = "every target is already engaged";
    return r;
  }
  const system::Backend backend = system::detect_backend(sys);
  auto plan = plan_or_note(info, backend, *todo, options.confirm_seconds, r);
  if (!plan) return r;
  if (std::string refusal = kernel_refusal(sys, backend); !refusal.empty()) {
    r.reason = refusal;
    return r;
  }
  if (options.dry_run) {
    for (const auto& c : plan->commands) r.targets.push_back({c.target, Action::kWouldEngage, ""});
    r.outcome = Outcome::kWouldApply;
    r.reason = why;
    return r;
  }
  engage_all(sys, *plan, r);
  if (r.outcome == Outcome::kApplied) r.reason = why;
  return r;
}

namespace {

// Disengages one line of a revert, noting it in @r; false when the kernel refused.
bool revert_line(system::System& sys, const Target& t, const wire::EngagedLine& line, bool dry_run, ProfileResult& r) {
  if (!engaged_as(line, t)) {
    // Someone engaged it another way; that is not this profile's to undo.
    r.targets.push_back({line.target, Action::kLeftAlone, "engaged as " + describe(line)});
  } else if (dry_run) {
    r.targets.push_back({line.target, Action::kWouldDisengage, ""});
  } else if (auto sent = wire::send(sys, wire::Command::disengage(line.target)); !sent) {
    r.targets.push_back({line.target, Action::kFailed, sent.error().code.message()});
    return false;
  } else {
    r.targets.push_back({line.target, Action::kDisengaged, ""});
    r.changed = true;
  }
  return true;
}

}  // namespace

ProfileResult revert_profile(const Profile& p, system::System& sys, bool dry_run) {
  ProfileResult r = start(p);
  r.dry_run = dry_run;
  if (!sys.killswitch_present()) {
    r.outcome = Outcome::kNotApplied;
    r.reason = "killswitch is not loaded: nothing is engaged";
    return r;
  }
  auto engaged = wire::read_engaged(sys);
  if (!engaged) {
    r.reason = "cannot read the engaged file: " + engaged.error().message();
    return r;
  }
  std::vector<std::string> failures;
  for (const Target& t : p.targets) {
    auto mine = lines_of(*engaged, t);
    if (mine.empty()) r.targets.push_back({t.function, Action::kNotEngaged, ""});
    for (const auto* line : mine)
      if (!revert_line(sys, t, *line, dry_run, r))
        failures.push_back("disengage " + line->target + ": " + r.targets.back().error);
  }
  bool any = false;
  for (const auto& t : r.targets) any = any || t.action == Action::kDisengaged || t.action == Action::kWouldDisengage;
  if (!failures.empty()) {
    r.outcome = Outcome::kFailed;
    r.reason = util::join(failures, "; ");
  } else if (any) {
    r.outcome = Outcome::kReverted;
    r.reason = dry_run ? "would disengage the profile's targets" : "disengaged the profile's targets";
  } else {
    r.outcome = Outcome::kNotApplied;
    r.reason = "none of its targets is engaged as the profile says";
  }
  return r;
}

}  // namespace ks::profile
