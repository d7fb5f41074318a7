#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of map pages (tests/lessons/maps) on the full screen,
# driven in tmux: the map beside the landscape, the cursor's cell in
# words, the arrows moving it, l for the loss curve, and answers judged
# against the map that descent map computes for the same settings; and
# the same page in learn --plain, answered by typing a setting.
set -u
name=ui-maps
. "${top_srcdir:-.}/tests/ui/lib.sh"

L=$(cd "$srcdir/tests/lessons/maps" && pwd)
A="LANG=C LC_ALL=C NO_COLOR=1"          # ASCII without colour: the map's glyphs show

# the engine's answers, from descent map with the pages' settings
"$DESCENT" map 'x^2 + 10*y^2' --start 1,0.5 --over lr=0.01:0.2 --log --cells 30 \
	--format csv >"$tmp/gd.csv" 2>&1
best=$(awk -F, 'NR > 1 && $2 == "converged" && (s == "" || $3 < s) { s = $3; i = NR - 2 }
	END { print i }' "$tmp/gd.csv")
"$DESCENT" map 'x^2 + 10*y^2' --start 1,0.5 -o momentum --over lr=0.01:0.5,beta=0:0.9 \
	--log --cells 24x10 --format csv >"$tmp/hb.csv" 2>&1
# the edge of row 5 (the cursor's first row): the first cell of the
# diverged cells that end it
edge=$(awk -F, 'NR > 1 && int((NR - 2) / 24) == 5 { i = (NR - 2) % 24
	if ($3 == "diverged") { if (e == "") e = i } else e = "" } END { print e }' "$tmp/hb.csv")

# moves KEY N: presses KEY n times
moves() {
	k=$1 m=$2
	while [ "$m" -gt 0 ]; do keys "$k"; m=$((m - 1)); done
}

start 80 24 "$A '$DESCENT' learn --lessons-only '$L' maps --progress '$tmp/p.json'"
wait_for "a map page: the curve's steps" '^steps '
wait_for "and the landscape beside it" 'f\(x, y\) = x\^2 \+ 10\*y\^2'
wait_for "the cursor's cell in words (the middle one)" '^  lr 0.0471: converged in [0-9]+ steps$'
wait_for "the keys" 'arrows:cell Enter:answer l:loss'
keys Left
wait_for "left: the cell before" '^  lr 0.0425: '
keys Right
if [ "$best" -lt 15 ]; then moves Left $((15 - best)); else moves Right $((best - 15)); fi
keys Enter
wait_for "the fastest cell is right" 'Right\.'
moves Left 5
keys Enter
wait_for "five cells off is wrong, with the fastest's steps" 'the fastest setting'
keys l
wait_for "l: the loss curve in the landscape's place" '\(log scale\)'
keys n
wait_for "a heat map of two settings" '^beta'
wait_for "its legend" 'steps, at most: '
wait_for "the cursor's cell" '^  lr 0.077, beta 0.5: '
moves Right $((edge - 12))
keys Enter
wait_for "the edge of the row" 'Right\.'
moves Left 4
keys Enter
wait_for "left of the edge: it is at a larger lr" 'converged in [0-9]+ steps: the edge is at a$'
keys q

# --- learn --plain -------------------------------------------------------------
printf '0.0909\n' | LC_ALL=C "$DESCENT" learn --plain --ask --lessons-only "$L" maps \
	--progress "$tmp/q.json" >"$tmp/plain" 2>&1
if grep -q '^Which lr? (h hint, s skip, q quit): Right\.' "$tmp/plain" &&
   grep -q '^- steps to converge  x diverged' "$tmp/plain"; then ok; else
	bad "learn --plain: the map and a typed answer: $(head -c 3000 "$tmp/plain")"; fi

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
