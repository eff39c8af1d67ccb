#include "profile/applier.h"

#include <optional>

namespace ks::profile {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kApplied:
      return "applied";
    case Outcome::kAlreadyApplied:
      return "already-applied";
    case Outcome::kNotApplicable:
      return "not-applicable";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kReverted:
      return "reverted";
    case Outcome::kNotApplied:
      return "not-applied";
  }
  return "?";
}

namespace {

const sysfs::EngagedLine* find_line(const std::vector<sysfs::EngagedLine>& lines, const std::string& function) {
  for (const auto& line : lines)
    if (line.symbol == function) return &line;
  return nullptr;
}

std::string extra(const sysfs::EngagedLine& line, const std::string& key) {
  auto it = line.extra.find(key);
  return it == line.extra.end() ? "" : it->second;
}

// The line is this target as the profile engages it: same value, same
// condition, and short-circuiting (or pending, armed when its module loads).
bool matches(const sysfs::EngagedLine& line, const Target& t) {
  std::string state = extra(line, "state");
  bool kills = state.empty() || state == "engaged" || state == "pending";
  return kills && line.retval == t.retval && extra(line, "if") == t.canonical_condition;
}

std::string describe(const sysfs::EngagedLine& line) {
  std::string s = "retval=" + std::to_string(line.retval);
  for (const char* key : {"state", "if"})
    if (!extra(line, key).empty()) s += std::string(" ") + key + "=" + extra(line, key);
  return s;
}

ProfileResult start(const Profile& p) {
  ProfileResult r;
  r.id = p.id;
  r.source = p.source.string();
  return r;
}

}  // namespace

ProfileResult apply_profile(const Profile& p, const KernelFacts& facts, Control& control, const ApplyOptions& options) {
  ProfileResult r = start(p);
  r.dry_run = options.dry_run;
  r.applicability = decide(p, facts);
  if (!r.applicability.applicable && !options.ignore_version) {
    r.outcome = Outcome::kNotApplicable;
    r.reason = r.applicability.reason;
    return r;
  }
  std::string why = r.applicability.applicable
                        ? r.applicability.reason
                        : "applied regardless of version (--ignore-version): " + r.applicability.reason;

  std::vector<sysfs::EngagedLine> lines;
  if (control.present()) {
    auto engaged = control.engaged();
    if (!engaged) {
      r.reason = "cannot read the engaged file: " + engaged.error().message();
      return r;
    }
    lines = std::move(*engaged);
  } else if (!options.dry_run) {
    r.reason = "killswitch is not loaded (no control file; modprobe killswitch)";
    return r;
  }

  std::vector<const Target*> todo;
  for (const Target& t : p.targets) {
    const sysfs::EngagedLine* line = find_line(lines, t.function);
    if (!line) {
      todo.push_back(&t);
      continue;
    }
    if (!matches(*line, t)) {
      r.targets.push_back(
          {t.function, "conflict", "already engaged as " + describe(*line) + ", not as this profile says"});
      r.reason = t.function + " is already engaged differently (" + describe(*line) + "); disengage it first";
      return r;
    }
    r.targets.push_back({t.function, "already engaged", ""});
  }
  if (todo.empty()) {
    r.outcome = Outcome::kAlreadyApplied;
    r.reason = "every target is already engaged";
    return r;
  }
  if (options.dry_run) {
    for (const Target* t : todo) r.targets.push_back({t->function, "would engage", ""});
    r.outcome = Outcome::kApplied;
    r.reason = why + (control.present() ? "" : " (killswitch is not loaded)");
    return r;
  }

  std::vector<const Target*> done;
  for (const Target* t : todo) {
    std::error_code ec = control.command(t->engage_command());
    if (!ec) {
      done.push_back(t);
      continue;
    }
    r.targets.push_back({t->function, "failed", ec.message()});
    // All or nothing: undo what this call engaged, newest first.
    std::string rolled;
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
      std::error_code back = control.command("disengage " + (*it)->function);
      r.targets.push_back({(*it)->function, back ? "rollback failed" : "rolled back", back ? back.message() : ""});
      rolled += (rolled.empty() ? "" : ", ") + (*it)->function;
    }
    r.reason = "engage " + t->function + " " + t->value + ": " + ec.message() +
               (rolled.empty() ? "" : "; rolled back " + rolled);
    return r;
  }
  for (const Target* t : done) r.targets.push_back({t->function, "engaged", ""});
  r.outcome = Outcome::kApplied;
  r.changed = true;
  r.reason = why;
  return r;
}

ProfileResult revert_profile(const Profile& p, Control& control, bool dry_run) {
  ProfileResult r = start(p);
  r.dry_run = dry_run;
  if (!control.present()) {
    r.outcome = Outcome::kNotApplied;
    r.reason = "killswitch is not loaded: nothing is engaged";
    return r;
  }
  auto engaged = control.engaged();
  if (!engaged) {
    r.reason = "cannot read the engaged file: " + engaged.error().message();
    return r;
  }
  bool any = false;
  std::string failures;
  for (const Target& t : p.targets) {
    const sysfs::EngagedLine* line = find_line(*engaged, t.function);
    if (!line) {
      r.targets.push_back({t.function, "not engaged", ""});
      continue;
    }
    if (!matches(*line, t)) {
      // Someone engaged it another way; that is not this profile's to undo.
      r.targets.push_back({t.function, "left alone", "engaged as " + describe(*line)});
      continue;
    }
    if (dry_run) {
      r.targets.push_back({t.function, "would disengage", ""});
      any = true;
      continue;
    }
    std::error_code ec = control.command("disengage " + t.function);
    if (ec) {
      r.targets.push_back({t.function, "failed", ec.message()});
      failures += (failures.empty() ? "" : "; ") + ("disengage " + t.function + ": " + ec.message());
      continue;
    }
    r.targets.push_back({t.function, "disengaged", ""});
    any = true;
    r.changed = true;
  }
  if (!failures.empty()) {
    r.outcome = Outcome::kFailed;
    r.reason = failures;
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
