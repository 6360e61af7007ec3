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

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
ksrc=$(kernel_source "$kdir")
. "$ksrc/tools/testing/selftests/kselftest/ktap_helpers.sh"
set -u

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gate NAME CMD...: CMD's output is quoted; any output or failure fails.
gate() {
	name=$1
	shift
	if "$@" >"$work/out" 2>&1 && [ ! -s "$work/out" ]; then
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
	for p in "$top/scripts/kernel-variants/$(kernel_series "$kdir")"/srcu-*.patch; do
		patch_name=$(basename "$p")
		"$ksrc/scripts/checkpatch.pl" --no-tree --terse --show-types - <"$p" 2>/dev/null |
			grep -E ': (ERROR|WARNING|CHECK):' | sed "s|^|$patch_name: |" || true
	done
}

ktap_print_header
ktap_set_plan 6
# shellcheck disable=SC2086
gate "rustfmt (kernel .rustfmt.toml)" \
	rustfmt --check --color never --edition 2021 --config-path "$ksrc/.rustfmt.toml" $rust_files
gate "CLIPPY=1 build without any warning" clippy_build
gate "make doc: rustdoc and examples without any warning" make_doc
gate "checkpatch.pl on C files" checkpatch
gate "checkpatch.pl on the upstream patches" checkpatch_series
# shellcheck disable=SC2086
gate "shellcheck on scripts" shellcheck -s sh -e SC1090,SC1091 $sh_files
ktap_finished
