#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Static domains reach the kernel's module loader: with 1 and with 64
# domains in use, the Rust sample (static_srcu_array!) and its C twin
# (DEFINE_STATIC_SRCU) load, the loader counted all 64 domains of
# ___srcu_struct_ptrs, lockdep names the domains, and every queued
# callback ran by the time the module is gone. On Tiny SRCU the loader
# keeps no list (it counts 0) and a domain has no srcu_usage lock.

. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 8
counted=64
tiny_srcu && counted=0

for m in rust_srcu_sample c_srcu_sample; do
	for n in 1 64; do
		klog_mark
		if load $m domains=$n readers=1 duration_ms=300 && sleep 1 &&
			klog_has "$m: domains defined=64 loader_counted=$counted used=$n$" &&
			rmmod $m && ! is_loaded $m && callbacks_balanced; then
			ktap_test_pass "$m domains=$n: loader counted $counted, callbacks balanced"
		else
			klog_since | grep "$m" | ktap_quote
			ktap_test_fail "$m domains=$n: loader counted $counted, callbacks balanced"
		fi
	done
done

# Lockdep knows each domain by its name, and its usage lock by
# NAME_srcu_usage.lock, as for DEFINE_STATIC_SRCU(NAME) (skipped on a
# kernel without lockdep, scenario nodebug).
for m in rust_srcu_sample:DOMAINS c_srcu_sample:dom00; do
	mod=${m%%:*}
	name=${m#*:}
	if [ ! -e /proc/lockdep ]; then
		ktap_test_skip "$mod: lockdep class $name (no lockdep)"
		ktap_test_skip "$mod: lockdep class ${name}_srcu_usage.lock (no lockdep)"
		continue
	fi
	load "$mod" domains=1 readers=1 duration_ms=100 && sleep 1
	check "$mod: lockdep class $name" grep -qE " $name$" /proc/lockdep
	if [ $counted = 0 ]; then
		ktap_test_skip "$mod: lockdep class ${name}_srcu_usage.lock (Tiny SRCU)"
	else
		check "$mod: lockdep class ${name}_srcu_usage.lock" \
			grep -qF " ${name}_srcu_usage.lock" /proc/lockdep
	fi
	rmmod "$mod"
done
ktap_finished
