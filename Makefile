# SPDX-License-Identifier: GPL-2.0
#
# srcu-guard: static SRCU domains for Rust modules, an SRCU unload guard and
# tracepoint static_call torture, tested on a real 6.12 kernel under QEMU.
#
#   make run     set up, build, boot, load, demonstrate, unload, summarise
#   make check   set up, build, boot, run every selftest (KTAP), summarise
#   make bench   set up, build, boot, run the benchmarks, print the table
#   make doc     rustdoc of rust/ in out/doc/, its examples compiled
#   make kselftest-install   the selftests and modules, laid out for the
#                kernel's run_kselftest.sh, in INSTALL_PATH (out/kselftest)
#
# KDIR=/path/to/O-build-dir uses an existing Rust-enabled 6.12 build instead
# of the cached test kernel. SCENARIO picks scripts/configs/SCENARIO.config.

SCENARIO ?= default
LLVM ?= -19
TESTS ?=
INSTALL_PATH ?= $(CURDIR)/out/kselftest

# Build directory of the kernel the modules are built against: the
# caller's KDIR, or the cached test kernel (built on first use).
kdir = $(if $(KDIR),$(KDIR),$$(sh scripts/build-kernel.sh $(SCENARIO)))

.PHONY: all setup kernel modules run check check-run bench doc kselftest-install clean

all: modules

setup:
	@sh scripts/setup-toolchain.sh

kernel: setup
	@sh scripts/build-kernel.sh $(SCENARIO)

modules: setup
	@k=$(kdir) && $(MAKE) -s -C "$$k" M=$(CURDIR) LLVM=$(LLVM) modules

run: modules
	@k=$(kdir) && sh scripts/run-demo.sh "$$k"

# The whole of "make check", set-up and builds included, is timed for
# the benchmarks' report (scripts/timings.sh).
check:
	@t0=$$(date +%s); rc=0; \
	$(MAKE) --no-print-directory check-run || rc=$$?; \
	sh scripts/timings.sh record check $$rc $$t0; exit $$rc

check-run: modules
	@k=$(kdir) && sh scripts/run-selftests.sh "$$k" $(TESTS)

bench: modules
	@k=$(kdir) && sh scripts/run-bench.sh "$$k"

doc: modules
	@k=$(kdir) && sh scripts/make-doc.sh "$$k"

kselftest-install: modules
	@k=$(kdir) && sh scripts/kselftest-install.sh "$$k" "$(INSTALL_PATH)"

clean:
	@k=$(kdir) && $(MAKE) -s -C "$$k" M=$(CURDIR) LLVM=$(LLVM) clean
