#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of the source tarball of one supported kernel series,
# fetching it from Debian's archive first when needed.
#
#   scripts/fetch-kernel-source.sh SERIES      (6.12 or 7.3)
#
# 6.12 is the host's own package linux-source-6.12 (installed by
# scripts/setup-toolchain.sh). 7.3 is not in Debian 12's suites: its
# package is fetched with "apt-get download" from trixie-backports (then
# sid), through a private sources list and lists directory under the
# cache, on the mirror the host's apt already uses, so the host's apt
# sources and lists stay as they are. The version is pinned (the one this
# project's facts were checked against); when the archive no longer has
# it, the newest linux-source-7.* it has is used, with a warning.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

series=${1:?usage: fetch-kernel-source.sh SERIES}

case $series in
6.12)
	t=/usr/src/linux-source-6.12.tar.xz
	[ -f "$t" ] || die "missing $t: run scripts/setup-toolchain.sh"
	echo "$t"
	exit 0
	;;
7.3) pin=${KSRC7_PKG_VERSION:-7.3.4-1~bpo13+1} ;;
*) die "unsupported kernel series '$series' (6.12 or 7.3)" ;;
esac

dir="$CACHE/apt-$series"
stamp="$dir/tarball"
if [ -f "$stamp" ] && [ -f "$(cat "$stamp")" ]; then
	cat "$stamp"
	exit 0
fi

# The host's Debian mirror, from its deb822 or one-line sources.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	awk '/^URIs:/ && $2 !~ /security/ && $2 ~ /debian\/?$/ { print $2; exit }')
[ -n "$mirror" ] || mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	2>/dev/null | awk '$1 == "deb" && $3 !~ /security/ && $2 ~ /debian\/?$/ { print $2; exit }')
[ -n "$mirror" ] || die "no Debian mirror in the host's apt sources"

mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
key=/usr/share/keyrings/debian-archive-keyring.gpg
{
	echo "deb [signed-by=$key] $mirror trixie-backports main"
	echo "deb [signed-by=$key] $mirror sid main"
} >"$dir/sources.list"
apt() {
	"$@" -q -o Dir::Etc::sourcelist="$dir/sources.list" \
		-o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
		-o APT::Sandbox::User=root
}
info "apt-get update (private lists in $dir)"
apt apt-get update >/dev/null || die "apt-get update with $dir/sources.list failed"

pkg=linux-source-$series
if ! apt apt-cache show "$pkg=$pin" >/dev/null 2>&1; then
	newest=$(apt apt-cache search --names-only '^linux-source-7\.[0-9]+$' |
		awk '{ print $1 }' | sort -V | tail -n 1)
	[ -n "$newest" ] || die "the archive has no linux-source-7.*"
	pin=$(apt apt-cache policy "$newest" | awk '/Candidate:/ { print $2 }')
	warn "pinned $pkg not in the archive, using $newest=$pin"
	pkg=$newest
fi
info "apt-get download $pkg=$pin"
(cd "$dir" && rm -f ./*.deb && apt apt-get download "$pkg=$pin" >/dev/null) ||
	die "apt-get download $pkg=$pin failed"
rm -rf "$dir/root"
dpkg-deb -x "$dir"/*.deb "$dir/root" || die "cannot unpack the $pkg package"
rm -f "$dir"/*.deb
t=$(ls "$dir"/root/usr/src/linux-source-*.tar.xz)
[ -f "$t" ] || die "no source tarball in the $pkg package"
echo "$t" >"$stamp"
echo "$t"
