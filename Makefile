# SPDX-License-Identifier: GPL-2.0
#
# srcu-guard: static SRCU domains for Rust modules, an SRCU unload guard and
# tracepoint static_call torture, tested on a real 6.12 kernel under QEMU.
#
#   make run     set up, build, boot, load, demonstrate, unload, summarise
#   make check   set up, build, boot, run every selftest (KTAP), summarise
#
# KDIR=/path/to/O-build-dir uses an existing Rust-enabled 6.12 build instead
# of the cached test kernel. SCENARIO picks scripts/configs/SCENARIO.config.

SCENARIO ?= default
LLVM ?= -19
TESTS ?=

# Build directory of the kernel the modules are built against: the
# caller's KDIR, or the cached test kernel (built on first use).
kdir = $(if $(KDIR),$(KDIR),$$(sh scripts/build-kernel.sh $(SCENARIO)))

.PHONY: all setup kernel modules run check clean

all: modules

setup:
	@sh scripts/setup-toolchain.sh

kernel: setup
	@sh scripts/build-kernel.sh $(SCENARIO)

modules: setup
	@k=$(kdir) && $(MAKE) -s -C "$$k" M=$(CURDIR) LLVM=$(LLVM) modules

run: modules
	@k=$(kdir) && sh scripts/run-demo.sh "$$k"

check: modules
	@k=$(kdir) && sh scripts/run-selftests.sh "$$k" $(TESTS)

clean:
	@k=$(kdir) && $(MAKE) -s -C "$$k" M=$(CURDIR) LLVM=$(LLVM) clean
