#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# french.sh - the interface in French, under the fr_FR.UTF-8 locale
# (./bootstrap generates it): every command's --help, a set of errors and
# the full screen's key screens have no English line left (english.awk,
# with the tokens of allowed.txt), and say what the English says (the
# same exit status); the course's chapters come from lessons/fr/ when a
# translation is there, else in English, and the map says which.
name=french
. "${top_srcdir:-.}/tests/ui/lib.sh"
srcdir=$(cd "$srcdir" && pwd)
FR="LC_ALL=fr_FR.UTF-8"
EN="LC_ALL=C.UTF-8"
unset LANGUAGE
# the locale: the system's (./bootstrap generates it), else one made here
# from the locales' sources, as in a package build's chroot
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
	if localedef -i fr_FR -c -f UTF-8 "$tmp/locales/fr_FR.UTF-8" >/dev/null 2>&1; then
		FR="LOCPATH=$tmp/locales $FR"
	else
		echo "$name: the locale fr_FR.UTF-8 is missing (./bootstrap generates it)"
		exit 99
	fi
fi
if [ ! -f "$(dirname "$DESCENT")/locale/fr/LC_MESSAGES/descent.mo" ]; then
	echo "$name: built without the translations (./configure --disable-nls?): skipped"
	exit 77
fi
english() { LC_ALL=C awk -v allowed="$srcdir/tests/i18n/allowed.txt" -f "$srcdir/tests/i18n/english.awk" "$1"; }
# french NAME FILE: passes when FILE has text and no English line
french() {
	if [ ! -s "$2" ]; then
		bad "$1: nothing printed"
	elif [ -n "$(english "$2")" ]; then
		bad "$1: English left:"
		english "$2" | sed 's/^/  /' | head -10
	else
		ok
	fi
}
# say STATUS NAME ARGS...: the command's stderr under both locales: the
# same status, French text with no English line, not the English text
say() {
	want=$1 what=$2
	shift 2
	env $EN "$DESCENT" "$@" >/dev/null 2>"$tmp/en" </dev/null
	en=$?
	env $FR "$DESCENT" "$@" >/dev/null 2>"$tmp/fr" </dev/null
	fr=$?
	if [ "$en" != "$want" ] || [ "$fr" != "$want" ]; then
		bad "$what: exit $fr in French and $en in English, not $want"
		sed 's/^/  /' "$tmp/fr"
		return
	fi
	french "$what" "$tmp/fr"
	if cmp -s "$tmp/en" "$tmp/fr"; then bad "$what: the same text in both"; else ok; fi
}
cd "$tmp" || exit 99
printf '{ "id": "x", "pages": [ }\n' >broken.json
printf 'x,y\n1,2\n3,oops\n' >bad.csv
cp "$srcdir/lessons/01-optimization.json" one.json

# --help, of the program and of every command
env $FR "$DESCENT" --help >help.fr 2>&1
french "descent --help" help.fr
for cmd in $("$DESCENT" --list-commands); do
	env $FR "$DESCENT" "$cmd" --help >"help.$cmd" 2>&1
	french "descent $cmd --help" "help.$cmd"
	env $EN "$DESCENT" "$cmd" --help >"help.$cmd.en" 2>&1
	if cmp -s "help.$cmd" "help.$cmd.en"; then bad "$cmd --help: English"; else ok; fi
done

# errors
say 2 "an unknown command" nosuch
say 2 "an unknown option" --nosuch
say 2 "an unknown option of a command" run --nosuch 'x^2'
say 2 "a missing operand" run
say 2 "an ambiguous option" run --s 'x^2'
say 2 "an option without its value" run 'x^2' --rate
say 2 "a bad number" run --rate abc 'x^2'
say 2 "an unknown optimizer" run -o nosuch 'x^2'
say 1 "an expression's error" eval '1+'
say 1 "an unknown name in an expression" eval 'x+q' x=1
say 1 "an unknown chapter" learn --progress p.json nosuch-chapter
say 1 "a chapter's syntax error" lessons --check broken.json
say 1 "a CSV file's error" plot --data bad.csv --model 'w*x' --loss mse --fit
say 1 "a missing file" plot --data nosuch.csv --model 'w*x' --loss mse --fit
say 2 "a bad range" plot 'x^2' --x 3:1

# one message, word for word
env $FR "$DESCENT" run >/dev/null 2>"$tmp/fr"
printf '%s\n' "descent run: il manque l'expression (ou --data avec --model)" \
	"Essayez « descent run --help » pour en savoir plus." >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/fr"; then ok; else bad "descent run: not the French message:"; cat "$tmp/fr"; fi
grep -q '^Commandes :$' help.fr && ok || bad "descent --help: no « Commandes : »"

# the chapters: from lessons/fr/ when a translation is there, else the
# course's, and the list says which language each is in
env $FR "$DESCENT" lessons --lessons-only "$srcdir/lessons" --progress p.json >list.fr 2>&1
grep -q "^  1  optimization  *fr  Ce qu'est l'optimisation" list.fr && ok ||
	{ bad "lessons: chapter 1 not in French:"; cat list.fr; }
grep -q "^  3  convexity  *en  Convex sets" list.fr && ok ||
	{ bad "lessons: chapter 3 not said to be in English:"; cat list.fr; }
env $EN "$DESCENT" lessons --lessons-only "$srcdir/lessons" --progress p.json >list.en 2>&1
grep -q "^  1  optimization  *What optimization is" list.en && ok ||
	{ bad "lessons in English: chapter 1 not the original:"; cat list.en; }
env $FR "$DESCENT" learn --plain --lessons-only "$srcdir/lessons" --progress p.json optimization \
	</dev/null >learn.fr 2>&1
grep -q "^== Page 1 sur 25 : Que minimise-t-on ? ==$" learn.fr && ok ||
	{ bad "learn --plain: the French page 1:"; head -12 learn.fr; }
env $FR "$DESCENT" learn --plain --lessons-only "$srcdir/lessons" --progress p.json convexity \
	</dev/null >learn.en 2>&1
grep -q "^Chapitre 3 : Convex sets and convex functions$" learn.en && ok ||
	{ bad "learn --plain: chapter 3, untranslated, in English:"; head -3 learn.en; }

# the full screen's map says the language of each chapter
start 80 24 "env $FR XDG_STATE_HOME='$tmp/st' '$DESCENT' learn --lessons-only '$srcdir/lessons' --progress '$tmp/ui0.json'"
wait_for "the map: chapter 1 in French" "^   1  fr  Ce qu'est l'optimisation"
wait_for "the map: chapter 3 in English" '^   3  en  Convex sets and convex functions'

# the full screen's key screens, at 80x24, on the French chapters alone
mkdir course && cp "$srcdir"/lessons/fr/*.json course/
start 80 24 "env $FR XDG_STATE_HOME='$tmp/st' '$DESCENT' learn --lessons-only '$tmp/course' --progress '$tmp/ui.json'"
wait_for "the course map" 'descent: le cours'
french "the course map" "$tmp/screen"
keys '?'
wait_for "the map's keys" 'Touches'
french "the map's keys" "$tmp/screen"
keys q
wait_gone "the map's keys closed" 'Touches'
keys Enter
wait_for "the first page" 'page 1 sur 25'
french "the first page" "$tmp/screen"
keys '?'
wait_for "the reader's keys" 'Touches : lecteur'
french "the reader's keys" "$tmp/screen"
start 80 24 "env $FR XDG_STATE_HOME='$tmp/st' '$DESCENT' play 'x^2 + 3*y^2'"
wait_for "the playground" 'x\^2 \+ 3\*y\^2'
french "the playground" "$tmp/screen"
keys '?'
wait_for "the playground's keys" 'Touches'
french "the playground's keys" "$tmp/screen"
keys x
wait_gone "the playground's keys closed" 'Touches'
keys W
wait_for "the playground's figure in words" 'La figure en mots'
french "the figure in words" "$tmp/screen"

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
