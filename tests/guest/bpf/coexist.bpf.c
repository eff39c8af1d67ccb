// SPDX-License-Identifier: GPL-2.0
/*
 * BPF programs for the coexistence tests: an fentry and an fexit program on
 * af_alg_sendmsg (a module function with BTF in Debian's kernel). Each counts
 * its calls; fexit also keeps the last return value it saw, so a test can
 * tell whether the caller got the engagement's value or the body's.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum { kEntries, kExits, kLastReturn, kSlots };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, kSlots);
	__type(key, __u32);
	__type(value, __s64);
} counters SEC(".maps");

static void add(__u32 slot, __s64 delta)
{
	__s64 *value = bpf_map_lookup_elem(&counters, &slot);

	if (value)
		__sync_fetch_and_add(value, delta);
}

SEC("fentry/af_alg_sendmsg")
int count_entry(__u64 *ctx)
{
	add(kEntries, 1);
	return 0;
}

/* af_alg_sendmsg(sock, msg, size, ivsize): the return value follows the 4 arguments. */
SEC("fexit/af_alg_sendmsg")
int count_exit(__u64 *ctx)
{
	__u32 slot = kLastReturn;
	__s64 *last = bpf_map_lookup_elem(&counters, &slot);

	if (last)
		*last = (int)ctx[4];
	add(kExits, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
