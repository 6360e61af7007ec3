# SPDX-License-Identifier: GPL-2.0
#
# The compat layer's build half: what differs between the supported
# kernels (6.12 and 7.x), detected from the tree of the kernel being built
# against, never from its version number. Each feature found becomes a
# Rust cfg (--cfg NAME) and a C macro (COMPAT_NAME, upper case) for every
# object of the including Kbuild. The code half is rust/lib/compat.rs and
# the C shims, compiled against each kernel's own headers.
#
# Tree SRCU only (CONFIG_TREE_SRCU; Tiny SRCU has none of these):
# srcu_reader_flavor    struct srcu_struct has srcu_reader_flavor, set
#                       by its static initialiser
# srcu_usage_raw_lock   struct srcu_usage's lock is a raw_spinlock_t
# srcu_data_raw_lock    struct srcu_data's lock is a raw_spinlock_t
# srcu_fast             SRCU-fast: DEFINE_STATIC_SRCU_FAST and
#                       srcu_read_lock_fast()
# Tiny SRCU only (CONFIG_TINY_SRCU):
# srcu_tiny_irq_work    struct srcu_struct defers its grace-period work
#                       through an irq_work (srcu_tiny_irq_work())
# Both:
# tp_srcu_fast          tracepoint hits run their probes inside an
#                       SRCU-fast read section of tracepoint_srcu
# module_authors        module! takes "authors: [..]" (not "author")
# module_use_internal   struct module_use is the module loader's own
#                       (kernel/module/internal.h), not in linux/module.h

compat_has = $(shell grep -qsF '$(2)' $(srctree)/$(1) && echo y)

ifdef CONFIG_TREE_SRCU
compat-$(call compat_has,include/linux/srcutree.h,u8 srcu_reader_flavor;) += srcu_reader_flavor
compat-$(call compat_has,include/linux/srcutree.h,.lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock)) += srcu_usage_raw_lock
compat-$(call compat_has,include/linux/srcutree.h,raw_spinlock_t __private lock ____cacheline_internodealigned_in_smp;) += srcu_data_raw_lock
compat-$(call compat_has,include/linux/srcutree.h,define DEFINE_STATIC_SRCU_FAST(name)) += srcu_fast
else
compat-$(call compat_has,include/linux/srcutiny.h,struct irq_work srcu_irq_work;) += srcu_tiny_irq_work
endif
compat-$(call compat_has,include/linux/tracepoint.h,guard(srcu_fast_notrace)(&tracepoint_srcu)) += tp_srcu_fast
compat-$(call compat_has,rust/macros/module.rs,authors) += module_authors
compat-$(call compat_has,kernel/module/internal.h,struct module_use {) += module_use_internal

rustflags-y += $(foreach f,$(compat-y),--cfg $(f))
ccflags-y += $(addprefix -DCOMPAT_,$(shell echo $(compat-y) | tr a-z A-Z))
