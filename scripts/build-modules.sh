#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the project's modules against one kernel build directory.
#
#   scripts/build-modules.sh KDIR
#
# The objects live in the source tree, as for any M= build, so they are
# those of one kernel at a time: when KDIR is not the kernel of the last
# build (out/modules-kdir), the tree is cleaned first.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
stamp="$top/out/modules-kdir"
kmake() { make -s -C "$kdir" M="$top" LLVM="${LLVM:--19}" "$@"; }

if [ "$(cat "$stamp" 2>/dev/null)" != "$kdir" ]; then
	last=$(cat "$stamp" 2>/dev/null || true)
	if [ -n "$last" ] && [ -d "$last" ]; then
		make -s -C "$last" M="$top" LLVM="${LLVM:--19}" clean
	else
		kmake clean
	fi
	mkdir -p "$top/out"
	echo "$kdir" >"$stamp"
fi
kmake modules
