#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Style gates, as KTAP: rustfmt with the kernel's .rustfmt.toml, a clean
# CLIPPY=1 build of every module with no warning at all (rustc, clippy,
# C compiler, objtool, modpost), rustdoc and the compiled examples of
# rust/ (scripts/make-doc.sh, with the modules built in the tree),
# checkpatch.pl on the C files, shellcheck on the shell scripts.
#
#   scripts/style-check.sh KDIR
#
# A gate that passed is not run again on the same inputs: its key hashes
# the gate and its command, this script, the kernel build (its path,
# .config and Module.symvers), the tools' versions and the files the
# gate reads, and a pass leaves the key in $CACHE/style/. A failure
# leaves nothing.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
ksrc=$(kernel_source "$kdir")
. "$ksrc/tools/testing/selftests/kselftest/ktap_helpers.sh"
set -u

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gate NAME FILES CMD...: CMD's output is quoted; any output or failure
# fails. FILES (words) are what CMD reads, for the key of a pass.
gate() {
	name=$1 inputs=$2
	shift 2
	# shellcheck disable=SC2086 # $inputs: paths without blanks
	key=$( {
		echo "$name $* $kdir $tools"
		cat "$top/scripts/style-check.sh" "$kdir/.config" "$kdir/Module.symvers" $inputs
	} | sha256sum | cut -c1-16)
	if [ -f "$CACHE/style/$key" ]; then
		ktap_test_pass "$name (inputs unchanged since it passed)"
	elif "$@" >"$work/out" 2>&1 && [ ! -s "$work/out" ]; then
		mkdir -p "$CACHE/style"
		echo "$name" >"$CACHE/style/$key"
		ktap_test_pass "$name"
	else
		sed 's/^/# /' "$work/out" | head -n 40
		ktap_test_fail "$name"
	fi
}

cd "$top"
# The project's files: tracked, or new and not ignored.
files() {
	git ls-files --cached --others --exclude-standard "$@"
}
rust_files=$(files '*.rs')
c_files=$(files '*.c' '*.h')
sh_files="$(files '*.sh') scripts/initramfs/init .ci/run"
series_files=$(ls "$top/scripts/kernel-variants/$(kernel_series "$kdir")"/srcu-*.patch)
# What the module build and the documentation read.
build_files="$rust_files $c_files $(files Makefile '*Kbuild' '*.mk' scripts/make-doc.sh)"
tools=$( {
	rustc --version
	rustfmt --version
	clang-19 --version | head -n 1
	shellcheck --version | sed -n 's/^version: //p'
} | tr '\n' ' ')

clippy_build() {
	mkdir -p "$work/tree"
	files | tar -cf - -T - | tar -xf - -C "$work/tree"
	make -s -C "$kdir" M="$work/tree" LLVM=-19 CLIPPY=1 modules 2>&1 |
		grep -iE 'warning|error' || true
}

# The documentation: its summary lines go, its warnings and errors stay.
make_doc() {
	sh "$top/scripts/make-doc.sh" "$kdir" 2>&1 | grep -v '^  ' || true
}

# The kernel's checkpatch.pl. The C must build on every supported kernel:
# 7.x's advice to use kmalloc_obj() (ALLOC_WITH_SIZEOF), which 6.12 does
# not have, is left out.
checkpatch() {
	# shellcheck disable=SC2086
	"$ksrc/scripts/checkpatch.pl" --no-tree --terse --show-types \
		--ignore ALLOC_WITH_SIZEOF -f $c_files 2>/dev/null |
		grep -E ': (ERROR|WARNING|CHECK):' || true
}

# The upstream patch series of this kernel series (scripts/kernel-variants/,
# the kernel variants whose names start with "srcu-"), as checkpatch.pl
# checks a mail: from standard input (given a path inside a git tree, it
# checks the file itself instead).
checkpatch_series() {
	for p in $series_files; do
		patch_name=$(basename "$p")
		"$ksrc/scripts/checkpatch.pl" --no-tree --terse --show-types - <"$p" 2>/dev/null |
			grep -E ': (ERROR|WARNING|CHECK):' | sed "s|^|$patch_name: |" || true
	done
}

ktap_print_header
ktap_set_plan 6
# shellcheck disable=SC2086
gate "rustfmt (kernel .rustfmt.toml)" "$rust_files" \
	rustfmt --check --color never --edition 2021 --config-path "$ksrc/.rustfmt.toml" $rust_files
gate "CLIPPY=1 build without any warning" "$build_files" clippy_build
gate "make doc: rustdoc and examples without any warning" "$build_files" make_doc
gate "checkpatch.pl on C files" "$c_files" checkpatch
gate "checkpatch.pl on the upstream patches" "$series_files" checkpatch_series
# shellcheck disable=SC2086
gate "shellcheck on scripts" "$sh_files" shellcheck -s sh -e SC1090,SC1091 $sh_files
ktap_finished
