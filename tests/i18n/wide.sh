#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# wide.sh - a chapter in Chinese (tests/i18n/zh.json): its lines are
# measured by the terminal's rules (a wide character two columns), so in
# learn --plain --width 40 no line is wider than 40 columns, the text
# breaks between characters where it has no spaces, no line starts with
# "。", and a note's box stays closed; full screen at 80x24 the page fits
# the same way.
name=wide
. "${top_srcdir:-.}/tests/ui/lib.sh"
srcdir=$(cd "$srcdir" && pwd)
ZH="$srcdir/tests/i18n/zh.json"
# columns: the widest line, as GNU wc counts it (wcwidth) in a UTF-8 locale
widest() { LC_ALL=C.UTF-8 wc -L <"$1"; }

LC_ALL=C.UTF-8 "$DESCENT" learn --plain --width 40 --progress "$tmp/p.json" "$ZH" \
	</dev/null >"$tmp/plain" 2>&1
w=$(widest "$tmp/plain")
[ "$w" -le 40 ] && ok || { bad "learn --plain --width 40: a line of $w columns"; cat "$tmp/plain"; }
[ "$w" -ge 36 ] && ok || bad "learn --plain --width 40: the widest line is $w columns: not filled"
grep -q '^训练一个模型就是选择一些数字。这些数字叫$' "$tmp/plain" && ok ||
	{ bad "the first line, 40 columns of Chinese"; cat "$tmp/plain"; }
grep -q '^。' "$tmp/plain" && bad "a line starts with 。" || ok
# the note's box: every line of it as wide as its top
top=$(grep '^┌' "$tmp/plain" | LC_ALL=C.UTF-8 wc -L)
grep '^[│└]' "$tmp/plain" >"$tmp/box"
lines=$(wc -l <"$tmp/box")
same=$(while IFS= read -r l; do printf '%s\n' "$l" | LC_ALL=C.UTF-8 wc -L; done <"$tmp/box" |
	grep -cx "$top")
[ "$lines" -ge 3 ] && [ "$same" -eq "$lines" ] && ok ||
	{ bad "the note's box: $same of $lines lines are $top columns wide"; cat "$tmp/plain"; }
grep -q '┌─ 要点 ─' "$tmp/plain" && ok || bad "the note's label in its border"

# full screen: the page within 80 columns, broken between characters
start 80 24 "LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME='$tmp' '$DESCENT' learn --progress '$tmp/q.json' '$ZH'"
wait_for "the Chinese page" '训练一个模型'
w=$(widest "$tmp/screen")
[ "$w" -le 80 ] && ok || bad "a screen line of $w columns"
grep -q '^。' "$tmp/screen" && bad "a screen line starts with 。" || ok
keys q
echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
