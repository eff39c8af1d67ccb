#!/bin/sh
# Builds the fuzzers of the module's pure C with clang (libFuzzer, ASan,
# UBSan): the command parser, and the BTF reader. Runs each over its
# checked-in corpus for the given number of seconds (default 20) in total.
# New inputs found go to build/fuzz/corpus, never into the checked-in one;
# promote interesting ones by hand. Prints libFuzzer's executions count.
#   usage: fuzz/run.sh [seconds]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
out=$top/build/fuzz
rm -rf "$out/artifacts"
mkdir -p "$out/corpus" "$out/artifacts"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I$top/kmod"
for c in parse condition errno_names return_type; do
	# shellcheck disable=SC2086
	clang $flags -c "$top/kmod/$c.c" -o "$out/$c.o"
done
# shellcheck disable=SC2086
clang++ -std=c++20 $flags "$top/fuzz/command_fuzzer.cc" "$out/parse.o" "$out/condition.o" \
	"$out/errno_names.o" -o "$out/command_fuzzer"
# shellcheck disable=SC2086
clang++ -std=c++20 $flags "$top/fuzz/btf_fuzzer.cc" "$out/return_type.o" -o "$out/btf_fuzzer"
half=$(((seconds + 1) / 2))
mkdir -p "$out/corpus-btf"
"$out/command_fuzzer" -max_total_time="$half" -max_len=4097 -print_final_stats=1 \
	-artifact_prefix="$out/artifacts/" "$out/corpus" "$top/fuzz/corpus" 2>&1 |
	grep -E "stat::number_of_executed_units|stat::new_units_added|ERROR|SUMMARY|Done" || true
"$out/btf_fuzzer" -max_total_time="$half" -max_len=4096 -print_final_stats=1 \
	-artifact_prefix="$out/artifacts/" "$out/corpus-btf" "$top/fuzz/corpus-btf" 2>&1 |
	grep -E "stat::number_of_executed_units|stat::new_units_added|ERROR|SUMMARY|Done" || true
# libFuzzer leaves a crash-* file for any finding.
if ls "$out/artifacts/" | grep -q .; then
	echo "fuzz: findings in $out/artifacts" >&2
	exit 1
fi
echo "fuzz: no findings in ${seconds}s"
