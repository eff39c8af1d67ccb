#include "trigger/line_discipline.h"

#include <fcntl.h>
#include <linux/tty.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include <string_view>

namespace ks::trigger {
namespace {

struct Discipline {
  std::string_view name;
  int number;
};

constexpr Discipline kDisciplines[] = {
    {"slip", N_SLIP},
    {"hci", N_HCI},
    {"ppp", N_PPP},
    {"sync_ppp", N_SYNC_PPP},
};

}  // namespace

Trip line_discipline_set(const std::string& name) {
  int number = -1;
  for (const auto& d : kDisciplines)
    if (d.name == name) number = d.number;
  if (number < 0) {
    errno = EINVAL;
    return failed("TIOCSETD(" + name + ")");
  }
  Fd leader(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (leader.get() < 0) return failed("posix_openpt");
  if (::grantpt(leader.get()) != 0 || ::unlockpt(leader.get()) != 0) return failed("unlockpt");
  char path[64];
  if (::ptsname_r(leader.get(), path, sizeof(path)) != 0) return failed("ptsname");
  Fd follower(::open(path, O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (follower.get() < 0) return failed("open(pts)");
  if (::ioctl(follower.get(), TIOCSETD, &number) != 0) return failed("TIOCSETD(" + name + ")");
  const int plain = N_TTY;
  if (::ioctl(follower.get(), TIOCSETD, &plain) != 0) return failed("TIOCSETD(tty)");
  return {};
}

util::Result<Trip> line_discipline_from_words(const std::vector<std::string>& words) {
  if (words.size() == 1)
    for (const auto& d : kDisciplines)
      if (d.name == words[0]) return line_discipline_set(words[0]);
  return util::fail("ldisc takes slip, hci, ppp or sync_ppp");
}

}  // namespace ks::trigger
