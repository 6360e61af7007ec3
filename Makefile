# SPDX-License-Identifier: GPL-2.0
#
# srcu-guard: static SRCU domains for Rust modules, an SRCU unload guard and
# tracepoint static_call torture, tested on real 6.12 and 7.x kernels
# under QEMU.
#
#   make run     set up, build, boot, load, demonstrate, unload, summarise
#   make check   set up, build, boot, run every selftest (KTAP), summarise
#   make bench   set up, build, boot, run the benchmarks, print the table
#   make doc     rustdoc of rust/ in out/doc/, its examples compiled
#   make kselftest-install   the selftests and modules, laid out for the
#                kernel's run_kselftest.sh, in INSTALL_PATH (out/kselftest)
#
# KERNEL picks the kernels: one series or several, "6.12 7.3" by default
# (6.12.117 and 7.3.4, Debian's linux-source packages); check, run and
# bench run on each, and check ends with one line of totals. doc and
# kselftest-install take the first. KDIR=/path/to/O-build-dir uses one
# existing Rust-enabled build of a supported kernel instead. SCENARIO
# picks scripts/configs/SCENARIO.config (default: default), or several,
# or "all": check, run and bench run on each kernel in each scenario.

SCENARIO ?= default
KERNEL ?= 6.12 7.3
LLVM ?= -19
TESTS ?=
INSTALL_PATH ?= $(CURDIR)/out/kselftest
export SCENARIO KERNEL KDIR LLVM TESTS INSTALL_PATH

.PHONY: all setup kernel modules run check check-run bench doc kselftest-install clean

all: modules

setup:
	@sh scripts/setup-toolchain.sh

kernel modules run bench doc kselftest-install: setup
	@sh scripts/each-kernel.sh $@

# The whole of "make check", set-up and builds included, is timed for
# the benchmarks' report (scripts/timings.sh).
check:
	@t0=$$(date +%s); rc=0; \
	$(MAKE) --no-print-directory check-run || rc=$$?; \
	sh scripts/timings.sh record check $$rc $$t0; exit $$rc

check-run: setup
	@sh scripts/each-kernel.sh check

clean:
	@k=$$(cat out/modules-kdir 2>/dev/null) && [ -d "$$k" ] && \
		$(MAKE) -s -C "$$k" M=$(CURDIR) LLVM=$(LLVM) clean; rm -f out/modules-kdir
