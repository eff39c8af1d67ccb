/* SPDX-License-Identifier: GPL-2.0 */
/* What killswitch.ko needs from the kernel it is built for, checked at compile time. */
#ifndef KS_REQUIREMENTS_H
#define KS_REQUIREMENTS_H

#include <linux/kconfig.h>

#if !IS_ENABLED(CONFIG_KPROBES)
#error "killswitch needs CONFIG_KPROBES=y: it finds functions with kprobes"
#endif
#if !IS_ENABLED(CONFIG_DYNAMIC_FTRACE)
#error "killswitch needs CONFIG_DYNAMIC_FTRACE=y: the engine hooks a function's ftrace call site"
#endif
#if !IS_ENABLED(CONFIG_SECURITYFS)
#error "killswitch needs CONFIG_SECURITYFS=y: its interface lives in /sys/kernel/security"
#endif
#if !IS_ENABLED(CONFIG_KALLSYMS)
#error "killswitch needs CONFIG_KALLSYMS=y: targets are named by symbol"
#endif
#if !IS_ENABLED(CONFIG_MODULES)
#error "killswitch is a module and needs CONFIG_MODULES=y"
#endif
#if !IS_ENABLED(CONFIG_X86_64) && !IS_ENABLED(CONFIG_ARM64)
#error "killswitch supports x86_64 and arm64 (arch/ holds the per-architecture part)"
#endif
#if !IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS) && !IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#error "killswitch needs DYNAMIC_FTRACE_WITH_REGS or _WITH_ARGS to return early"
#endif

#endif /* KS_REQUIREMENTS_H */
