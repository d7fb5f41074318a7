#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every page of the course, as a learner first sees it: each chapter of
# lessons/ opened at each of its pages, full screen at 80x24 in tmux, must
# show its header, no error, no text cut short (an ellipsis, but in the
# header, where the chapter's title gives way to the page's) and no text
# that needs scrolling to be read ("(down: more)"); and each chapter read
# as plain text in the C locale must keep to 80 columns and spell every
# character it shows (a character without an ASCII spelling is a '?', so
# the C locale's text has no more of them than the UTF-8 text).  The
# chapters are walked four at a time, each in tmux servers and a folder of
# its own (the walk mostly waits on the screen).  CHAPTERS=DIR walks the
# chapters of DIR instead of lessons/, for a teacher's.
set -u
name=ui-chapters
. "${top_srcdir:-.}/tests/ui/lib.sh"

L="${CHAPTERS:-$srcdir/lessons}"
case $L in /*) ;; *) L=$(pwd)/$L ;; esac
U8="LANG=C.UTF-8 LC_ALL=C.UTF-8"

# stable: waits until two captures 0.2 s apart are the same (the page is
# drawn whole); no key is sent, as a formula page would type it
stable() {
	i=0
	screen
	cp "$tmp/screen" "$tmp/screen.last"
	while [ $i -lt 50 ]; do
		sleep 0.2
		screen
		cmp -s "$tmp/screen" "$tmp/screen.last" && return 0
		cp "$tmp/screen" "$tmp/screen.last"
		i=$((i + 1))
	done
}

# the course map shows every chapter's title and summary whole
start 80 40 "$U8 '$DESCENT' learn --lessons-only '$L' --progress '$tmp/map.json'"
if wait_for "the course map" 'Enter: open'; then
	stable
	if sed 1d "$tmp/screen" | grep -q '…'; then bad "a title or summary is cut on the map"; else ok; fi
fi

# walk FILE I: the chapter of FILE, in tmux servers numbered from I*1000
# and a folder of its own; its counts go to that folder's "result"
walk() {
	tmp=$top_tmp/$2
	mkdir -p "$tmp"
	n=$(($2 * 1000))
	pass=0
	fail=0
	file=$1
	id=$(sed -n 's/^  "id": "\(.*\)",$/\1/p' "$file" | head -n 1)
	if [ -z "$id" ]; then
		bad "$file: no chapter id on its second line"
		echo "$pass $fail" >"$tmp/result"
		return
	fi
	# the pages, counted as learn --plain numbers them
	env $U8 "$DESCENT" learn --lessons-only "$L" --progress "$tmp/plain.json" --plain \
		--width 80 "$id" >"$tmp/u8.txt" 2>"$tmp/err"
	pages=$(sed -n 's/^== Page 1 of \([0-9]*\): .*/\1/p' "$tmp/u8.txt")
	if [ -n "$pages" ] && [ ! -s "$tmp/err" ]; then ok; else
		bad "$id: learn --plain reads no pages ($(head -c 300 "$tmp/err"))"
		echo "$pass $fail" >"$tmp/result"
		return
	fi

	# plain text in the C locale: ASCII, 80 columns, every character spelled
	LANG=C LC_ALL=C "$DESCENT" learn --lessons-only "$L" --progress "$tmp/plain.json" --plain \
		--width 80 "$id" >"$tmp/c.txt" 2>&1
	if LC_ALL=C grep -q '[^ -~]' "$tmp/c.txt"; then
		bad "$id: learn --plain in the C locale writes bytes that are not ASCII"
	else ok; fi
	wide=$(awk 'length > 80' "$tmp/c.txt" | head -n 3)
	if [ -z "$wide" ]; then ok; else bad "$id: lines over 80 columns in the C locale: $wide"; fi
	q8=$(tr -cd '?' <"$tmp/u8.txt" | wc -c)
	qc=$(tr -cd '?' <"$tmp/c.txt" | wc -c)
	if [ "$qc" -eq "$q8" ]; then ok; else
		bad "$id: $((qc - q8)) characters have no ASCII spelling (shown as '?')"
		diff "$tmp/u8.txt" "$tmp/c.txt" | grep '?' | head -n 6
	fi

	# each page full screen at 80x24
	k=1
	while [ "$k" -le "$pages" ]; do
		start 80 24 "$U8 '$DESCENT' learn --lessons-only '$L' --progress '$tmp/p.json' '$id' --page $k 2>'$tmp/err.$k'"
		if wait_for "$id page $k: its header" "page $k of $pages: "; then
			stable
			# (the header's chapter title gives way to the page's, by design)
			if sed 1d "$tmp/screen" | grep -q '…'; then
				bad "$id page $k: something is cut short (…)"
			elif grep -q '(down: more)' "$tmp/screen"; then
				bad "$id page $k: the text needs scrolling at 80x24"
			elif grep -Eq 'error:|warning:|^descent:' "$tmp/screen"; then
				bad "$id page $k: an error on the screen"
			else
				ok
			fi
		fi
		k=$((k + 1))
	done
	end_session
	for e in "$tmp"/err.*; do
		[ -s "$e" ] && bad "$id: a page wrote to stderr: $(head -c 200 "$e")"
	done
	echo "$pass $fail" >"$tmp/result"
}

end_session
top_tmp=$tmp
chapters=0
for file in "$L"/*.json; do
	chapters=$((chapters + 1))
	(walk "$file" $chapters) &
	[ $((chapters % 4)) -ne 0 ] || wait
done
wait
tmp=$top_tmp
c=1
while [ $c -le $chapters ]; do
	if [ -f "$tmp/$c/result" ]; then
		read -r p f <"$tmp/$c/result"
		pass=$((pass + p))
		fail=$((fail + f))
	else
		bad "chapter $c: its walk ended without a result"
	fi
	c=$((c + 1))
done

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
