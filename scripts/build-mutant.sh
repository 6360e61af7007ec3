#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) a mutant or variant of the test kernel: the cached
# build of a scenario with patches applied in order, each either a mutant
# of scripts/mutants/SERIES/ (by name; SERIES is KDIR's, e.g. 7.3) or any
# patch file (by path, e.g. the kernel variants in
# scripts/kernel-variants/SERIES/ and, on top of one, the benchmark's
# additions in scripts/kernel-variants/SERIES/bench/).
#
#   scripts/build-mutant.sh KDIR MUTANT|PATCH-FILE...
#
# The build directory is a copy of KDIR, so only the patched objects and
# the link are redone. The patches are applied to the shared source tree
# for the duration of the build, and the files they touch are always put
# back. Prints the build directory on stdout.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
shift
patches="" mutant="" last="" earlier=""
for m in "$@"; do
	earlier="$earlier${last:+ $last}"
	last=$m
	case $m in
	*.patch) p=$m ;;
	*) p="$top/scripts/mutants/$(kernel_series "$kdir")/$m.patch" ;;
	esac
	[ -f "$p" ] || die "no such mutant: $p"
	patches="$patches $p"
	last_patch=$p
	mutant="$mutant${mutant:++}$(basename "$p" .patch)"
done
[ -n "$mutant" ] || die "usage: build-mutant.sh KDIR MUTANT|PATCH-FILE..."
[ -f "$kdir/.build-ok" ] || die "not a finished kernel build: $kdir"
ksrc=$(kernel_source "$kdir")

# shellcheck disable=SC2086 # $patches: paths without blanks
key=$(cat $patches "$kdir/.config" | sha256sum | cut -c1-8)
out="$kdir-$mutant-$key"
if [ -f "$out/.build-ok" ]; then
	echo "$out"
	exit 0
fi

# Stacked patches start from the build of all but the last (built first
# if need be), so that only what the last one changes is rebuilt.
base=$kdir
if [ -n "$earlier" ]; then
	# shellcheck disable=SC2086 # $earlier: paths or names without blanks
	base=$(sh "$0" "$kdir" $earlier)
fi
info "building mutant $mutant in $out"
rm -rf "$out"
cp -a "$base" "$out"
rm -f "$out/.build-ok"
# shellcheck disable=SC2086
files=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' $patches | sort -u)
[ -n "$files" ] || die "$mutant names no file"
orig="$CACHE/patched.orig"
rm -rf "$orig"
for f in $files; do
	mkdir -p "$orig/$(dirname "$f")"
	cp -p "$ksrc/$f" "$orig/$f"
done
restore() {
	for f in $files; do
		cp -p "$orig/$f" "$ksrc/$f"
	done
}
trap restore EXIT INT TERM
for p in $patches; do
	patch -s -p1 -d "$ksrc" <"$p" || die "$p does not apply"
done
# The files only the earlier patches touch are as the base was built:
# give them their old mtimes back, so that make leaves their users be.
if [ "$base" != "$kdir" ]; then
	touched=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$last_patch")
	for f in $files; do
		echo "$touched" | grep -qxF "$f" || touch -r "$orig/$f" "$ksrc/$f"
	done
fi
log="$out/build.log"
t0=$(date +%s)
if ! make -s -C "$ksrc" O="$out" LLVM=-19 -j"$(nproc)" all >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "mutant build failed, full log: $log"
fi
touch "$out/.build-ok"
sh "$top/scripts/timings.sh" record build "$mutant" "$t0"
echo "$out"
