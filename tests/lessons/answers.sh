#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every question of the course answered as a learner types it: for each
# line of the answer key (descent lessons --key: the chapter, the page,
# its kind, an answer judged right and one judged wrong), the right
# answer typed into `learn --ask` at that page must get "Right." and the
# wrong one "Not quite.", in the same words the reader prints.  The key
# judges its answers with the page's own judge; this goes through what a
# learner goes through: the typed line read, parsed and judged, and the
# verdict printed after the prompt.
set -u
srcdir=${top_srcdir:-.}
DESCENT=${DESCENT:-src/descent}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
tab=$(printf '\t')

for dir in lessons lessons/examples tests/lessons/maps; do
	if ! "$DESCENT" lessons --key --lessons-only "$srcdir/$dir" >"$tmp/key" 2>"$tmp/err"; then
		fail=$((fail + 1)); echo "FAIL: $dir: descent lessons --key:"; sed 's/^/  | /' "$tmp/err"
		continue
	fi
	n=$(wc -l <"$tmp/key")
	echo "$dir: $n questions"
	if [ "$n" -eq 0 ]; then
		fail=$((fail + 1)); echo "FAIL: $dir: the key has no questions"
		continue
	fi
	while IFS="$tab" read -r id page kind right wrong; do
		for verdict in right wrong; do
			if [ $verdict = right ]; then
				answer=$right want='): Right\.'
			else
				answer=$wrong want='): Not quite\.'
			fi
			rm -f "$tmp/p.json"
			printf '%s\n' "$answer" | LANG=C.UTF-8 LC_ALL=C.UTF-8 "$DESCENT" learn \
				--lessons-only "$srcdir/$dir" "$id" --page "$page" --ask \
				--progress "$tmp/p.json" >"$tmp/out" 2>&1
			if sed -n "/^== Page $page of /,/^== Page $((page + 1)) of /p" "$tmp/out" |
			   grep -q "$want"; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1))
				echo "FAIL: $dir: $id, page $page ($kind): '$answer' is not judged $verdict"
				grep -n 'Right\.\|Not quite\.\|): ' "$tmp/out" | head -5 | sed 's/^/  | /'
			fi
		done
	done <"$tmp/key"
done
echo "answers: $pass passed, $fail failed"
[ $fail -eq 0 ]
