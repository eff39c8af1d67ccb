/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The killswitch wire format: where the files are, what the commands are
 * called and how long they may be. Shared by killswitch.ko and the user-space
 * tool and tests, so the two cannot drift. Plain C, no kernel headers.
 */
#ifndef KILLSWITCH_UAPI_H
#define KILLSWITCH_UAPI_H

/*
 * The version of this interface (the files, the control grammar, the
 * engaged line): raised only when something a user depends on changes.
 */
#define KS_ABI_VERSION 1
/* The release, as /sys/module/killswitch/version shows it (matches VERSION). */
#define KS_RELEASE "0.1.0"

#define KS_SECURITYFS_DIR "/sys/kernel/security/killswitch"
#define KS_DIR_NAME "killswitch"
#define KS_CONTROL_FILE "control"
#define KS_ENGAGED_FILE "engaged"
#define KS_TAINT_FILE "taint"
/* How many writes to control were refused (any error) since load. */
#define KS_REFUSED_FILE "refused"
#define KS_FN_DIR "fn"
#define KS_FN_RETVAL_FILE "retval"
#define KS_FN_HITS_FILE "hits"
#define KS_FN_PASSES_FILE "passes"
#define KS_FN_STATE_FILE "state"
#define KS_FN_CONDITION_FILE "condition"
#define KS_FN_TIMEOUT_LEFT_FILE "timeout_left"

/* Values of fn/<target>/state and of state= in engaged lines. */
#define KS_STATE_ENGAGED "engaged"
#define KS_STATE_MONITORING "monitoring"
#define KS_STATE_PROBING "probing"
#define KS_STATE_PENDING "pending"

/* Verbs written to control, first word of a command line. */
#define KS_VERB_ENGAGE "engage"
#define KS_VERB_DISENGAGE "disengage"
#define KS_VERB_DISENGAGE_ALL "disengage_all"
#define KS_VERB_TRYENGAGE "tryengage"
#define KS_VERB_MONITOR "monitor"
#define KS_VERB_CONFIRM "confirm"
/* Not a verb here: the out-of-tree module's BPF override, refused (EOPNOTSUPP). */
#define KS_VERB_ENGAGEBPF "engagebpf"
#define KS_COND_KEYWORD "if"
/* engage <target> <retval> expire=<seconds>: undone unless confirmed in time. */
#define KS_EXPIRE_KEYWORD "expire="
/* engage, tryengage, monitor ... at=0x<address>: where the function starts */
#define KS_AT_KEYWORD "at="

/*
 * Keys of an engaged line after its target:
 *   <target> retval=<long> hits=<ulong>[ errno=-<NAME>][ module=<name>]
 *   state=<state> passes=<ulong>[ if=<cond>][ timeout_left=<seconds>]
 * retval= and hits= are the compatible prefix; readers ignore unknown keys.
 * timeout_left is the time until a tryengage window ends, or until an
 * engage ... expire= that was not confirmed is undone.
 */
#define KS_KEY_RETVAL "retval"
#define KS_KEY_HITS "hits"
#define KS_KEY_ERRNO "errno"
#define KS_KEY_MODULE "module"
#define KS_KEY_STATE "state"
/* Which engine runs an armed engagement: "ftrace" or "kprobe". */
#define KS_KEY_ENGINE "engine"
#define KS_ENGINE_NAME_DIRECT "direct"
#define KS_ENGINE_NAME_FTRACE "ftrace"
#define KS_ENGINE_NAME_KPROBE "kprobe"
#define KS_KEY_PASSES "passes"
#define KS_KEY_IF "if"
#define KS_KEY_TIMEOUT_LEFT "timeout_left"

/*
 * Most engagements at once, pending ones included; beyond it engage,
 * tryengage and monitor fail with ENOSPC. The module parameter
 * max_engagements may lower it.
 */
#define KS_MAX_ENGAGEMENTS 1024

/* Largest errno: values -KS_MAX_ERRNO..-1 are errors (the kernel's MAX_ERRNO). */
#define KS_MAX_ERRNO 4095

/* The longest tryengage window and engage expiry: one day. */
#define KS_TRY_SECONDS_MAX 86400

/* One command (one line written to control) is at most this many bytes. */
#define KS_CONTROL_MAX 4096

/*
 * One write to control may carry several commands, one per line, carried
 * out as one transaction: at most this many lines and bytes.
 */
#define KS_BATCH_LINES_MAX KS_MAX_ENGAGEMENTS
#define KS_BATCH_MAX (256 * 1024)

/* Longest symbol accepted, terminating NUL included (the kernel's KSYM_NAME_LEN). */
#define KS_SYMBOL_MAX 512

/* Separators of the engage= module parameter: engage=<sym>=<val>,<sym>=<val> */
#define KS_PARAM_LIST_SEP ','
#define KS_PARAM_VALUE_SEP '='

#endif /* KILLSWITCH_UAPI_H */
