#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lints the manual pages with mandoc: any warning or error fails the test.
# The only style message allowed is a reference to one of our own pages,
# which mandoc looks for among installed manuals only.
set -u
srcdir=${top_srcdir:-.}
if [ -z "${MANDOC:-}" ]; then
	MANDOC=$(command -v mandoc) || {
		echo "lint.sh: mandoc not found (./bootstrap installs it)" >&2
		exit 1
	}
fi
status=0
for page in "$srcdir"/man/*.[1-9]; do
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
