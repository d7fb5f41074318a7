#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Broken chapters: runs `descent lessons --check` on each case of
# tests/lessons-bad/expected.txt and compares its stderr exactly with the
# expected lines (and its exit status with 1).  A case is a block: a line
# "== FILE [FILE...]", the files checked together in one call, then the
# expected stderr lines, up to a blank line.  The files are passed by their
# bare names from tests/lessons-bad, so messages read "FILE:LINE:COL: ...".
# Also checks that every *.json file here has a case, and that a 10 MB file
# and a data set of 10001 points (generated here, not committed) are
# refused.
set -u
srcdir=${top_srcdir:-.}
DESCENT=${DESCENT:-src/descent}
case $DESCENT in
/*) ;;
*) DESCENT=$(pwd)/$DESCENT ;;
esac
LC_ALL=C
NO_COLOR=1
export LC_ALL NO_COLOR
cd "$srcdir/tests/lessons-bad" || { echo "lessons-bad: no directory $srcdir/tests/lessons-bad"; exit 99; }
[ -f expected.txt ] || { echo "lessons-bad: no expected.txt"; exit 99; }
[ -x "$DESCENT" ] || { echo "lessons-bad: no program $DESCENT"; exit 99; }
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
: >"$tmp/covered"

# run_case DIR "FILES": checks FILES (run from DIR) against $tmp/expected
run_case() {
	# shellcheck disable=SC2086
	(cd "$1" && "$DESCENT" lessons --check $2) >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $status -eq 1 ] && cmp -s "$tmp/expected" "$tmp/err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		if [ $status -ne 1 ]; then
			echo "FAIL: descent lessons --check $2: exit status $status, not 1"
		else
			echo "FAIL: descent lessons --check $2: stderr differs"
		fi
		diff -u "$tmp/expected" "$tmp/err" | sed -e "1s|.*|--- expected|" \
			-e "2s|.*|+++ actual|"
	fi
}

files=
: >"$tmp/expected"
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'== '*)
		files=${line#== }
		: >"$tmp/expected"
		for f in $files; do
			echo "$f" >>"$tmp/covered"
		done
		;;
	'')
		if [ -n "$files" ]; then
			run_case . "$files"
			files=
		fi
		;;
	*)
		if [ -n "$files" ]; then
			printf '%s\n' "$line" >>"$tmp/expected"
		else
			case $line in
			'#'*) ;;
			*) echo "lessons-bad: expected.txt: a line outside a block: $line"
			   exit 99 ;;
			esac
		fi
		;;
	esac
done <expected.txt
[ -n "$files" ] && run_case . "$files"

# every broken file has its case
for f in *.json; do
	[ -f "$f" ] || continue
	if ! grep -qxF "$f" "$tmp/covered"; then
		fail=$((fail + 1))
		echo "FAIL: $f has no case in expected.txt"
	fi
done

# a file over 1 MB is refused before it is read as JSON
mkdir "$tmp/large" &&
	dd if=/dev/zero bs=1024 count=10240 2>/dev/null | tr '\0' ' ' >"$tmp/large/too-large.json"
echo "too-large.json:1:1: error: the file is too large: a chapter is at most 1048576 bytes (1 MB); split it" \
	>"$tmp/expected"
run_case "$tmp/large" too-large.json

# a data set of one point more than a lesson's limit, 10000 (not committed:
# it is 110 KB)
mkdir "$tmp/rows" && {
	printf '{ "id": "rows", "title": "Rows", "order": 1, "summary": "Too many.",\n'
	printf '  "pages": [ { "kind": "plot", "data": { "columns": ["x", "y"], "model": "w*x",\n'
	printf '    "points": ['
	awk 'BEGIN { for (i = 0; i <= 10000; i++) printf "%s[%d, 1]", i ? ", " : "", i }'
	printf '] } } ] }\n'
} >"$tmp/rows/too-many-points.json"
echo "too-many-points.json:3:15: error: a lesson's data set has at most 10000 points, and this one has 10001: keep a sample of them" \
	>"$tmp/expected"
run_case "$tmp/rows" too-many-points.json

echo "lessons-bad: $pass passed, $fail failed"
[ $fail -eq 0 ]
