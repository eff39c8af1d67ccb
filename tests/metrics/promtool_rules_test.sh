#!/bin/sh
# The example alerts of docs/metrics.md: promtool checks the rules file and
# runs its unit test (each alert fires on the series it is about, with the
# labels and text an operator will read).
set -eu
cd "$(dirname "$0")/../../docs/alerts"
promtool check rules killswitch.rules.yml
promtool test rules killswitch.rules.test.yml
