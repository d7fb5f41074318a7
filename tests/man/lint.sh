#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lints the manual pages with mandoc: any warning or error fails the test.
# The only style message allowed is a reference to one of our own pages,
# which mandoc looks for among installed manuals only.  The pages made
# from man/*.in (in the build tree) are linted as built, and must hold no
# @placeholder@ left and no hard-coded /usr/local (but where they name
# the XDG default, /usr/local/share, and say so); their sources must
# name the lessons' directory only through @lessonsdir@.
set -u
srcdir=${top_srcdir:-.}
if [ -z "${MANDOC:-}" ]; then
	MANDOC=$(command -v mandoc) || {
		echo "lint.sh: mandoc not found (./bootstrap installs it)" >&2
		exit 1
	}
fi
status=0
pages=
for in in "$srcdir"/man/*.in; do
	page=man/$(basename "$in" .in)
	if [ ! -f "$page" ]; then
		echo "not built: $page (from $in)"
		status=1
	fi
	# (a line that names the XDG default says so in a comment)
	if grep -n '/usr/local' "$in" | grep -v 'the XDG default'; then
		echo "$in: a hard-coded /usr/local: use @lessonsdir@"
		status=1
	fi
	pages="$pages $page"
done
for page in "$srcdir"/man/*.[1-9]; do
	[ -f "$page" ] || continue
	case " $pages " in *" man/$(basename "$page") "*) continue ;; esac
	pages="$pages $page"
done
for page in $pages; do
	[ -f "$page" ] || continue
	if grep -n '@[a-z_]*@' "$page"; then
		echo "$page: a placeholder left"
		status=1
		continue
	fi
	out=$("$MANDOC" -Tlint -Wall "$page" 2>&1 |
	      grep -v 'STYLE: referenced manual not found: Xr descent')
	if [ -n "$out" ]; then
		echo "$out"
		status=1
	else
		echo "ok: $(basename "$page")"
	fi
done
exit $status
