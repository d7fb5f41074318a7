#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# deb.sh - the Debian package, for `make deb` and `make deb-check`:
#   deb.sh build TARBALL OUTDIR   builds descent_VERSION_ARCH.deb from the
#                                 release tarball, unpacked in a clean tree
#                                 (dpkg-buildpackage -us -uc -b, which runs
#                                 make check), into OUTDIR;
#   deb.sh check DEB              installs it (apt-get install ./DEB), runs
#                                 the installed program and man -w, lists
#                                 its files, runs lintian (no errors, no
#                                 warnings), and removes it again unless it
#                                 was installed before.
# The packaging tools and the build's dependencies that are missing are
# installed with apt-get (through sudo when not root), as bootstrap does;
# where that is not possible, it says which to install and exits 1.
set -eu

say() { printf 'deb.sh: %s\n' "$*"; }
die() { printf 'deb.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
		sudo "$@"
	else
		return 2
	fi
}

# need PACKAGE...: installs those that are missing
need() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	say "installing$missing"
	if ! { as_root apt-get update -q &&
	       as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; }; then
		die "these packages are missing; as root: apt-get install$missing"
	fi
}

# The Build-Depends of debian/control, without versions and profiles.
build_depends() {
	awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, ""); print; next }
	     on && /^[A-Za-z-]+:/ { on = 0 } on' "$1" | tr ',' '\n' |
		sed 's/[[(<].*//; s/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' |
		sed 's/^debhelper-compat$/debhelper/'
}

case ${1-} in
build)
	[ $# -eq 3 ] || die "usage: deb.sh build TARBALL OUTDIR"
	tarball=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
	out=$(cd "$3" && pwd)
	[ -f "$tarball" ] || die "no tarball $tarball"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	tar -xzf "$tarball" -C "$tmp"
	src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[ -f "$src/debian/control" ] || die "the tarball has no debian/control"
	# shellcheck disable=SC2046
	need dpkg-dev debhelper $(build_depends "$src/debian/control")
	say "building in the clean tree $src"
	jobs=$(nproc 2>/dev/null || echo 1)
	(cd "$src" && DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS-}" \
		dpkg-buildpackage -us -uc -b) || die "dpkg-buildpackage failed"
	for f in "$tmp"/descent_*.deb; do
		[ -f "$f" ] || die "dpkg-buildpackage made no .deb"
		cp "$f" "$out/"
		say "built $out/$(basename "$f")"
	done
	;;
check)
	[ $# -eq 2 ] || die "usage: deb.sh check DEB"
	deb=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
	[ -f "$deb" ] || die "no package $deb (make deb builds it)"
	need lintian man-db
	before=no
	dpkg-query -W -f='${Status}' descent 2>/dev/null | grep -q 'ok installed' && before=yes
	say "apt-get install $deb"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" ||
		die "apt-get install $deb failed"
	status=0
	# the installed files, nothing of a build tree: from /, with the
	# user's lessons and state out of the way
	home=$(mktemp -d)
	trap 'rm -rf "$home"' EXIT
	run() { (cd / && env HOME="$home" XDG_STATE_HOME="$home/state" \
		XDG_DATA_HOME="$home/data" XDG_DATA_DIRS=/usr/local/share:/usr/share "$@"); }
	say "descent --version"
	run descent --version | head -n 1 || status=1
	say "descent lessons"
	run descent lessons || status=1
	n=$(run descent lessons --ids | wc -l)
	[ "$n" -eq "$(ls /usr/share/descent/lessons/*.json | wc -l)" ] && [ "$n" -gt 0 ] ||
		{ say "descent lessons --ids lists $n chapters"; status=1; }
	run descent lessons --check >/dev/null || { say "the installed course does not check"; status=1; }
	say "man -w descent descent-lessons descent-expr"
	man -w descent descent-lessons descent-expr || status=1
	for f in /usr/share/bash-completion/completions/descent \
		 /usr/share/zsh/vendor-completions/_descent \
		 /usr/share/doc/descent/copyright; do
		[ -f "$f" ] || { say "not installed: $f"; status=1; }
	done
	say "dpkg -L descent"
	dpkg -L descent
	say "lintian $(basename "$deb")"
	lintian --fail-on error,warning "$deb" || { say "lintian: errors or warnings"; status=1; }
	say "lintian: done (nothing above it is an error or a warning)"
	if [ "$before" = no ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q descent >/dev/null ||
			say "could not remove the package again"
	fi
	[ "$status" -eq 0 ] && say "the package builds, installs and is lintian-clean" ||
		die "the package check failed"
	exit "$status"
	;;
*)
	die "usage: deb.sh build TARBALL OUTDIR | check DEB"
	;;
esac
