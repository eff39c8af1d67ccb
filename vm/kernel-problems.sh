# The patterns the kernel prints for an oops, a WARN, a BUG or a stall, on
# x86 and arm64 (whose backtraces say "Call trace:"): a guest whose log has
# one fails its run (vm/run.sh, vm/debian/guest.sh). Sourced.
ks_kernel_problems='Oops|BUG:|WARNING: CPU|Kernel panic|general protection fault|Call [Tt]race:|detected stalls|blocked for more than|Internal error:|Unable to handle kernel'
