#include "trigger/trip.h"

namespace ks::trigger {

std::string describe(const Trip& trip) {
  if (trip) return "ok";
  return trip.error().what + ": " + trip.error().code.message() + " (errno " + std::to_string(trip_errno(trip)) + ")";
}

std::string failed_step(const Trip& trip) { return trip ? std::string() : trip.error().what; }

int trip_errno(const Trip& trip) { return trip ? 0 : trip.error().code.value(); }

}  // namespace ks::trigger
