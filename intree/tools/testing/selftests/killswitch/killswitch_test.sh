#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The killswitch control interface, exercised on the functions of
# test_killswitch.ko: each debugfs read or write calls one of them, and
# body_runs tells whether its body ran. POSIX sh: this runs under busybox.
#
# The t_* functions are called through run(), which shellcheck cannot follow.
# shellcheck disable=SC2317

ksft_skip=4
KS=/sys/kernel/security/killswitch
DBG=/sys/kernel/debug/test_killswitch
TAINT_KILLSWITCH=524288		# 1 << 19

skip()
{
	echo "# SKIP: $*"
	exit $ksft_skip
}

[ "$(id -u)" = 0 ] || skip "must be run as root"
# A minimal guest may not have mounted these yet.
[ -d "$KS" ] || mount -t securityfs none /sys/kernel/security 2>/dev/null
[ -d "$KS" ] || skip "no $KS (CONFIG_KILLSWITCH)"

loaded=
cleanup()
{
	# Never leave a function short-circuited behind us.
	echo disengage_all 2>/dev/null > "$KS/control"
	[ -z "$loaded" ] || modprobe -q -r test_killswitch
}
trap cleanup EXIT
# dash and ash skip the EXIT trap when a signal kills the shell.
trap 'exit 1' HUP INT TERM

if [ ! -d /sys/module/test_killswitch ]; then
	modprobe -q test_killswitch || skip "cannot load test_killswitch"
	loaded=1
fi
[ -d "$DBG" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
[ -d "$DBG" ] || skip "no $DBG (CONFIG_DEBUG_FS)"

n=0
failed=0

# run <name> <command...>: one TAP line from the command's status.
run()
{
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=1
	fi
}

skip_test()
{
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# One command, one write; fails when the write does (the errno is the C
# program's to check: sh cannot see it).
ks()
{
	echo "$*" 2>/dev/null > "$KS/control"
}

# Each cat of a debugfs file calls its function once (from offset 0 only).
call()
{
	cat "$DBG/$1" 2>/dev/null
}

runs()
{
	cat "$DBG/body_runs"
}

fn()
{
	cat "$KS/fn/$1/$2" 2>/dev/null
}

# The hits= of <symbol>'s line in engaged, empty without one.
hits_of()
{
	sed -n "s/^$1 retval=[^ ]* hits=\([0-9]*\).*/\1/p" "$KS/engaged"
}

listed()
{
	grep -q "^$1 " "$KS/engaged"
}

# Start clean: a run killed earlier may have left something engaged.
ks disengage_all

t_engage()
{
	ks engage test_killswitch_int -1
}

t_short_circuit()
{
	before=$(runs)
	[ "$(call int)" = -1 ] && [ "$(call int)" = -1 ] &&
		[ "$(runs)" = "$before" ]
}

# Scripts written for the upstream interface parse this prefix.
t_engaged_line()
{
	grep -Eq '^test_killswitch_int retval=-1 hits=[0-9]+( |$)' "$KS/engaged"
}

t_hits()
{
	h0=$(hits_of test_killswitch_int)
	[ -n "$h0" ] || return 1
	call int > /dev/null
	call int > /dev/null
	call int > /dev/null
	[ "$(hits_of test_killswitch_int)" = $((h0 + 3)) ] &&
		[ "$(fn test_killswitch_int hits)" = $((h0 + 3)) ]
}

t_retval_live()
{
	echo -22 2>/dev/null > "$KS/fn/test_killswitch_int/retval" &&
		[ "$(call int)" = -22 ] &&
		[ "$(fn test_killswitch_int retval)" = -22 ] &&
		grep -q '^test_killswitch_int retval=-22 ' "$KS/engaged"
}

t_engage_twice()
{
	! ks engage test_killswitch_int -5 &&
		[ "$(fn test_killswitch_int retval)" = -22 ]
}

# Every line is refused, and engaged reads the same before and after.
t_malformed()
{
	before=$(cat "$KS/engaged")
	while IFS= read -r cmd; do
		if ks "$cmd"; then
			echo "# accepted: '$cmd'"
			ks disengage test_killswitch_long
			return 1
		fi
	done <<EOF

engage
engage test_killswitch_long
engage test_killswitch_long -1 extra
engage test_killswitch_long notanumber
engage test_killswitch_long 99999999999999999999999
engage test_killswitch_long -1 if arg9==1
frobnicate test_killswitch_long -1
disengage
EOF
	# One write is one transaction: a bad line refuses the good one too.
	if printf 'engage test_killswitch_long -1\nbogus\n' 2>/dev/null \
			> "$KS/control"; then
		echo "# accepted a batch with a malformed line"
		ks disengage test_killswitch_long
		return 1
	fi
	[ "$(cat "$KS/engaged")" = "$before" ]
}

t_disengage()
{
	before=$(runs)
	ks disengage test_killswitch_int && [ "$(call int)" = 42 ] &&
		[ "$(runs)" = $((before + 1)) ] && ! listed test_killswitch_int
}

t_disengage_not_engaged()
{
	! ks disengage test_killswitch_int
}

t_unknown_symbol()
{
	! ks engage killswitch_selftest_no_such_function -1 &&
		! listed killswitch_selftest_no_such_function
}

# 0 means success for an int function: it would make the kernel permit more.
t_success_value()
{
	if ks engage test_killswitch_int 0; then
		ks disengage test_killswitch_int
		return 1
	fi
	! listed test_killswitch_int
}

t_monitor()
{
	ks monitor test_killswitch_int || return 1
	before=$(runs)
	[ "$(call int)" = 42 ] && [ "$(runs)" = $((before + 1)) ] &&
		[ "$(fn test_killswitch_int hits)" = 1 ] &&
		[ "$(fn test_killswitch_int state)" = monitoring ]
	ret=$?
	ks disengage test_killswitch_int || ret=1
	return "$ret"
}

t_condition()
{
	ks engage test_killswitch_args -1 if arg1==3 &&
		echo "3 0 0 0 0 0" > "$DBG/args" && [ "$(call args)" = -1 ] &&
		echo "4 0 0 0 0 0" > "$DBG/args" && [ "$(call args)" = 4 ] &&
		[ "$(fn test_killswitch_args hits)" = 1 ] &&
		[ "$(fn test_killswitch_args passes)" = 1 ]
}

t_taint()
{
	[ "$(cat "$KS/taint")" = 1 ] &&
		[ $(($(cat /proc/sys/kernel/tainted) & TAINT_KILLSWITCH)) -ne 0 ]
}

# How to run a command as an unprivileged user, if this system can.
drop=
if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	drop=setpriv
elif id nobody > /dev/null 2>&1 && command -v su > /dev/null; then
	drop=su
fi

as_nobody()
{
	case $drop in
	setpriv)
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			/bin/sh -c "$1" ;;
	su)
		su -s /bin/sh nobody -c "$1" ;;
	*)
		return 127 ;;
	esac
}

# Expects test_killswitch_args still engaged from t_condition.
t_unprivileged()
{
	! as_nobody "echo disengage_all > $KS/control" 2>/dev/null &&
		listed test_killswitch_args
}

t_disengage_all()
{
	ks engage test_killswitch_int -1 && ks engage test_killswitch_long -1 &&
		ks disengage_all && [ -z "$(cat "$KS/engaged")" ] &&
		[ "$(call int)" = 42 ]
}

run "engage test_killswitch_int -1" t_engage
run "engaged function returns -1 and its body does not run" t_short_circuit
run "engaged line has the compatible prefix" t_engaged_line
run "hits counts every call" t_hits
run "a write to fn/<symbol>/retval changes the value live" t_retval_live
run "engaging an engaged function is refused, its value kept" t_engage_twice
run "malformed commands are refused and change nothing" t_malformed
run "disengage runs the body again" t_disengage
run "disengage of a function not engaged is refused" t_disengage_not_engaged
run "an unknown symbol is refused" t_unknown_symbol
run "a success value (0) on an int function is refused" t_success_value
run "monitor counts calls and runs the body" t_monitor
run "a condition short-circuits only the calls it matches" t_condition
run "taint reads 1 and the kernel taint flag is set" t_taint
# Only if dropping works: else the write would fail for the wrong reason.
uid=$(as_nobody 'id -u' 2>/dev/null)
if [ -n "$uid" ] && [ "$uid" != 0 ]; then
	run "an unprivileged write to control is refused" t_unprivileged
else
	skip_test "an unprivileged write to control is refused" \
		"no setpriv or su to drop privileges"
fi
run "disengage_all clears everything" t_disengage_all

echo "1..$n"
exit $failed
