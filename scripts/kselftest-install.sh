#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install the selftests as the kernel's "make -C tools/testing/selftests
# install" lays them out, so that its run_kselftest.sh runs them on any
# machine or VM that boots a Rust-enabled 6.12 kernel:
#
#   DEST/run_kselftest.sh, DEST/kselftest/ (the kernel's runner),
#   DEST/kselftest-list.txt (srcu_guard:TEST for each of TEST_PROGS),
#   DEST/srcu_guard/ (TEST_PROGS, TEST_FILES, TEST_GEN_FILES built from
#   their .c, statically, and every built .ko).
#
#   scripts/kselftest-install.sh KDIR DEST
#
# The test initramfs is this tree (scripts/make-initramfs.sh).

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
dest=$2
ksrc=$(kernel_source "$kdir")
kst="$ksrc/tools/testing/selftests"
st="$top/scripts/selftests/srcu_guard"
[ -f "$kst/run_kselftest.sh" ] || die "missing $kst/run_kselftest.sh in the kernel source"

progs=$(selftest_list TEST_PROGS)
files=$(selftest_list TEST_FILES)
gen=$(selftest_list TEST_GEN_FILES)
[ -n "$progs" ] || die "no TEST_PROGS in $st/Makefile"

# A collection of its own: only srcu_guard/ and its lines in
# kselftest-list.txt are replaced, so that DEST may hold other collections.
rm -rf "$dest/srcu_guard"
mkdir -p "$dest/kselftest" "$dest/srcu_guard"
install -m 755 "$kst/run_kselftest.sh" "$dest/"
for f in runner.sh ktap_helpers.sh prefix.pl; do
	install -m 755 "$kst/kselftest/$f" "$dest/kselftest/"
done
list="$dest/kselftest-list.txt"
[ -f "$list" ] || : >"$list"
grep -v '^srcu_guard:' "$list" >"$list.new" || true
for f in $progs; do
	install -m 755 "$st/$f" "$dest/srcu_guard/"
	echo "srcu_guard:$f"
done >>"$list.new"
mv "$list.new" "$list"
for f in $files; do
	install -m 644 "$st/$f" "$dest/srcu_guard/"
done
for f in $gen; do
	cc -static -O2 -Wall -Werror -o "$dest/srcu_guard/$f" "$st/$f.c" ||
		die "cannot build $st/$f.c (a static C program: libc6-dev)"
done
for f in "$top"/rust/*.ko "$top"/samples/*.ko; do
	[ -f "$f" ] || die "no module built: $f (run make modules)"
	install -m 644 "$f" "$dest/srcu_guard/"
done
