#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the Rust-enabled test kernel for one scenario.
#
#   scripts/build-kernel.sh [SCENARIO]    (default: default)
#
# KERNEL (6.12 or 7.3, default 6.12) picks the kernel series: its source
# is Debian's linux-source-SERIES tarball (scripts/fetch-kernel-source.sh),
# unpacked once into the cache. The config is tinyconfig +
# scripts/configs/SCENARIO.config, the same for every series. The
# build directory is keyed by kernel version, fragment and toolchain
# versions, so an unchanged setup never rebuilds. Prints the build
# directory (usable as KDIR) on stdout.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

scenario=${1:-default}
fragment="$top/scripts/configs/$scenario.config"
[ -f "$fragment" ] || die "no such scenario: $fragment"

mkdir -p "$CACHE"
tarball=$(sh "$top/scripts/fetch-kernel-source.sh" "${KERNEL:-6.12}")

# Unpack the source once; the stamp records which tarball it came from.
src="$CACHE/$(basename "$tarball" .tar.xz)"
tar_id=$(stat -c '%s-%Y' "$tarball")
if [ "$(cat "$src/.unpacked" 2>/dev/null)" != "$tar_id" ]; then
	info "unpacking $tarball into $CACHE"
	rm -rf "$src"
	tar -C "$CACHE" -xf "$tarball" || die "cannot unpack $tarball"
	echo "$tar_id" >"$src/.unpacked"
fi
kver=$(make -s -C "$src" kernelversion)

key=$( {
	echo "$kver $tar_id"
	cat "$fragment"
	rustc --version
	bindgen --version
	clang-19 --version | head -1
} | sha256sum | cut -c1-12)
out="$CACHE/build/$scenario-$kver-$key"

if [ -f "$out/.build-ok" ]; then
	echo "$out"
	exit 0
fi

info "building $kver scenario '$scenario' in $out (about 10-15 min on 2 cores)"
mkdir -p "$out"
kmake() { make -s -C "$src" O="$out" LLVM=-19 "$@"; }

kmake rustavailable >/dev/null 2>&1 ||
	die "make LLVM=-19 rustavailable failed: run scripts/setup-toolchain.sh"
kmake tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" >/dev/null
kmake olddefconfig >/dev/null

# Every option of the fragment that this kernel's Kconfig defines must
# have survived olddefconfig (a fragment may name an option under both
# series' names, e.g. PROC_SYSCTL in 6.12, SYSCTL in 7.x).
symbols=$(find "$src" -name 'Kconfig*' -exec sed -n \
	's/^[[:space:]]*\(menu\)\{0,1\}config[[:space:]]\{1,\}\([A-Z0-9_]*\).*/\2/p' {} + |
	sort -u)
dropped=""
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) want="$line" ;;
	"# CONFIG_"*" is not set") want="$line" ;;
	*) continue ;;
	esac
	sym=$(echo "$want" | sed 's/^# //; s/^CONFIG_//; s/[= ].*//')
	echo "$symbols" | grep -qxF "$sym" || continue
	grep -qxF "$want" "$out/.config" || dropped="$dropped
  $want"
done <"$fragment"
[ -z "$dropped" ] || die "Kconfig dropped options of $scenario.config:$dropped"

log="$out/build.log"
t0=$(date +%s)
if ! kmake -j"$(nproc)" all >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "kernel build failed, full log: $log"
fi
touch "$out/.build-ok"
sh "$top/scripts/timings.sh" record build "$scenario" "$t0"
echo "$out"
