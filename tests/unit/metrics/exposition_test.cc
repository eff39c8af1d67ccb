// The Prometheus text format: escaping, HELP and TYPE, stable order.
#include "metrics/exposition.h"

#include <gtest/gtest.h>

namespace ks::metrics {
namespace {

TEST(Exposition, LabelValuesEscapeBackslashQuoteAndNewline) {
  EXPECT_EQ(escape_label_value(R"(a\b"c)"
                               "\nd"),
            R"(a\\b\"c\nd)");
  EXPECT_EQ(escape_label_value("comm==sshd"), "comm==sshd");
  EXPECT_EQ(escape_label_value(""), "");
}

TEST(Exposition, HelpEscapesBackslashAndNewlineButNotQuotes) {
  EXPECT_EQ(escape_help("say \"why\"\\\nnext"), "say \"why\"\\\\\\nnext");
}

TEST(Exposition, FamiliesAndSamplesComeOutSortedWithHelpAndType) {
  std::vector<Family> families = {
      {"b_total", "Counts.", Type::kCounter, {{{{"f", "y"}}, 2}, {{{"f", "x"}}, 1}}},
      {"a_up", "Up.", Type::kGauge, {{{}, 1}}},
  };
  EXPECT_EQ(render(families),
            "# HELP a_up Up.\n"
            "# TYPE a_up gauge\n"
            "a_up 1\n"
            "# HELP b_total Counts.\n"
            "# TYPE b_total counter\n"
            "b_total{f=\"x\"} 1\n"
            "b_total{f=\"y\"} 2\n");
}

TEST(Exposition, LabelsKeepTheirOrderAndValuesAreQuotedEscaped) {
  std::vector<Family> families = {
      {"m", "h", Type::kGauge, {{{{"z", "1"}, {"a", "say \"hi\"\n"}}, 18446744073709551615u}}}};
  EXPECT_EQ(render(families), "# HELP m h\n# TYPE m gauge\nm{z=\"1\",a=\"say \\\"hi\\\"\\n\"} 18446744073709551615\n");
}

TEST(Exposition, AFamilyWithoutSamplesStillSaysWhatItIs) {
  EXPECT_EQ(render({{"m_total", "h", Type::kCounter, {}}}), "# HELP m_total h\n# TYPE m_total counter\n");
}

}  // namespace
}  // namespace ks::metrics
