// Replacing a file for node_exporter's textfile collector: all or nothing.
#include "util/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

#include "support/temp_tree.h"
#include "util/file_io.h"

namespace ks::util {
namespace {

size_t entries(const std::filesystem::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, ReplacesTheFileWithTheModeAskedWhateverTheUmask) {
  testing::TempTree tree;
  auto file = tree.write("killswitch.prom", "old\n");
  mode_t saved = ::umask(077);
  auto written = replace_atomically(file, "new\n", 0644);
  ::umask(saved);
  ASSERT_TRUE(written) << written.error().message();
  EXPECT_EQ(read_text(file).value(), "new\n");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(entries(tree.root()), 1u) << "no temporary file is left";
}

// A write that fails half-way (the file size limit, as a full disk would)
// leaves the old file whole and no temporary file behind.
TEST(AtomicFile, AFailedWriteLeavesTheOldFileAndNoLeftover) {
  testing::TempTree tree;
  auto file = tree.write("killswitch.prom", "old\n");
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = saved;
  tiny.rlim_cur = 8;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
  auto written = replace_atomically(file, std::string(4096, 'x'), 0644);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().errno_value(), EFBIG) << written.error().message();
  EXPECT_EQ(read_text(file).value(), "old\n");
  EXPECT_EQ(entries(tree.root()), 1u);
}

TEST(AtomicFile, AFolderThatIsNotThereIsAnError) {
  testing::TempTree tree;
  auto written = replace_atomically(tree.root() / "missing/killswitch.prom", "x\n", 0644);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().errno_value(), ENOENT);
}

}  // namespace
}  // namespace ks::util
