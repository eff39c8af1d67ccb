#include "trigger/trip.h"

namespace ks::trigger {

std::string describe(const Trip& trip) {
  if (trip) return "ok";
  return trip.error().what + ": " + trip.error().code.message() + " (errno " + std::to_string(trip_errno(trip)) + ")";
}

std::string failed_step(const Trip& trip) { return trip ? std::string() : trip.error().what; }

int trip_errno(const Trip& trip) { return trip ? 0 : trip.error().code.value(); }

util::Result<std::string> one_word(const std::vector<std::string>& words, size_t max, std::string_view usage) {
  if (words.size() != 1 || words[0].empty() || words[0].size() > max) return util::fail(std::string(usage));
  return words[0];
}

}  // namespace ks::trigger
