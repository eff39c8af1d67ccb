// Which engaged lines are a profile's: the one answer apply (already
// applied?), revert (what to disengage) and metrics (which profile engaged
// a line, is a profile applied) share, so they cannot disagree.
#pragma once

#include <vector>

#include "profile/profile.h"
#include "wire/engaged.h"

namespace ks::profile {

// @line is @target as the profile engages it: same value, same condition,
// and short-circuiting (or pending, armed when its module loads).
bool engaged_as(const wire::EngagedLine& line, const Target& target);

// The engaged lines of @target, whatever their value: its function first,
// then the compiler clones apply engaged with it ("mod:f.constprop.0").
std::vector<const wire::EngagedLine*> lines_of(const std::vector<wire::EngagedLine>& lines, const Target& target);

// Every target of @profile is engaged as it says (what apply calls
// already applied).
bool applied(const Profile& profile, const std::vector<wire::EngagedLine>& lines);

// @line is one of @profile's targets, or a clone of one, engaged as the
// profile says.
bool owns(const Profile& profile, const std::vector<wire::EngagedLine>& lines, const wire::EngagedLine& line);

}  // namespace ks::profile
