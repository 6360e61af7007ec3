#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install everything needed to build a Rust-enabled 6.12 test kernel and
# boot it under QEMU. Idempotent: every step is skipped when already
# satisfied; every failure is one line naming what is missing.

set -eu

. "$(dirname "$0")/lib.sh"

BINDGEN_VERSION=${BINDGEN_VERSION:-0.73.2}
KSRC_PKG_VERSION=${KSRC_PKG_VERSION:-6.12.117-1~deb12u1}
PKGS="clang-19 lld-19 llvm-19 libclang-19-dev flex bison bc libelf-dev \
libssl-dev cpio kmod qemu-system-x86 busybox-static make gcc libc6-dev git patch perl \
shellcheck xz-utils curl ca-certificates"

missing=""
for p in $PKGS linux-source-6.12; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	command -v apt-get >/dev/null || die "apt-get not found; install:$missing"
	[ "$(id -u)" = 0 ] || die "need root to apt-get install:$missing"
	info "apt-get install:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || die "apt-get update failed"
	# Pin the kernel source the project's facts were checked against;
	# fall back to the archive's current 6.12 only if it is gone.
	pkgs=$(echo "$missing" | sed "s/linux-source-6.12/linux-source-6.12=$KSRC_PKG_VERSION/")
	# shellcheck disable=SC2086 # word lists
	if ! apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; then
		warn "pinned linux-source-6.12=$KSRC_PKG_VERSION unavailable, using candidate"
		# shellcheck disable=SC2086 # word list
		apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
			die "apt-get install failed for:$missing"
	fi
fi

# rustup and the rustc this was measured with, when the machine has none.
RUST_VERSION=${RUST_VERSION:-1.95.0}
if ! command -v rustup >/dev/null; then
	info "installing rustup with rustc $RUST_VERSION"
	curl -sSf https://sh.rustup.rs | sh -s -- -y -q --profile minimal \
		--default-toolchain "$RUST_VERSION" >/dev/null ||
		die "rustup installation failed (see https://rustup.rs)"
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
	info "rustup component add rust-src"
	rustup component add rust-src >/dev/null 2>&1 || die "rustup component add rust-src failed"
fi
for c in rustfmt clippy; do
	if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
		rustup component add "$c" >/dev/null 2>&1 || die "rustup component add $c failed"
	fi
done

if [ "$(bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
	info "cargo install bindgen-cli@$BINDGEN_VERSION"
	cargo install --locked --quiet bindgen-cli --version "$BINDGEN_VERSION" ||
		die "cargo install bindgen-cli $BINDGEN_VERSION failed"
fi

info "toolchain ready: $(rustc --version), bindgen $BINDGEN_VERSION, $(clang-19 --version | head -1)"
