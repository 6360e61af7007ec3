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
# scripts/configs/SCENARIO.config, the same for every series; a fragment
# with a "# base: NAME" line is merged over NAME.config (its "is not set"
# lines turn the base's options off). The
# build directory is keyed by kernel version, fragment and toolchain
# versions, so an unchanged setup never rebuilds. Prints the build
# directory (usable as KDIR) on stdout.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

scenario=${1:-default}
fragment="$top/scripts/configs/$scenario.config"
[ -f "$fragment" ] || die "no such scenario: $fragment"
base=$(sed -n 's/^# base: //p' "$fragment")
fragments="${base:+$top/scripts/configs/$base.config }$fragment"

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
	# shellcheck disable=SC2086 # paths without blanks
	cat $fragments
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
# shellcheck disable=SC2086 # paths without blanks
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $fragments >/dev/null
kmake olddefconfig >/dev/null

# Every option of the fragments (of an option named twice, the last
# line) that this kernel's Kconfig defines must have survived
# olddefconfig, set or not set (a fragment may name an option under both series' names,
# e.g. PROC_SYSCTL in 6.12, SYSCTL in 7.x).
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
	case "$want" in
	"# "*) ! grep -q "^CONFIG_$sym=" "$out/.config" ;;
	*) grep -qxF "$want" "$out/.config" ;;
	esac || dropped="$dropped
  $want"
done <<EOF
$(
	# shellcheck disable=SC2086 # paths without blanks
	sed -n 's/^\(# \)\{0,1\}CONFIG_\([A-Z0-9_]*\)[= ].*/\2 &/p' $fragments |
		awk '!($1 in line) { order[n++] = $1 } { line[$1] = substr($0, length($1) + 2) }
		END { for (i = 0; i < n; i++) print line[order[i]] }'
)
EOF
[ -z "$dropped" ] || die "Kconfig dropped options of $scenario.config:$dropped"

log="$out/build.log"
t0=$(date +%s)
if ! kmake -j"$(nproc)" all >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "kernel build failed, full log: $log"
fi
# The scenario's name, for its QEMU options (scripts/qemu-run.sh).
echo "$scenario" >"$out/.scenario"
touch "$out/.build-ok"
sh "$top/scripts/timings.sh" record build "$scenario" "$t0"
echo "$out"
