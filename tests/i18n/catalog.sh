#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# catalog.sh - the translations are whole: po/POTFILES.in names every
# source file of the program, and each po/LANG.po of po/LINGUAS translates
# every message that xgettext finds in them today (none untranslated,
# none fuzzy, every format's directives kept: msgfmt -c).
name=catalog
srcdir=${top_srcdir:-.}
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
for tool in xgettext msgmerge msgfmt; do
	command -v $tool >/dev/null 2>&1 || { echo "$name: $tool not found (./bootstrap installs gettext)"; exit 99; }
done
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# every src/*.c but main.c, and nothing else
(cd "$srcdir" && find src -name '*.c' ! -path src/main.c | LC_ALL=C sort) >"$tmp/have"
grep -v '^#' "$srcdir/po/POTFILES.in" | LC_ALL=C sort >"$tmp/listed"
if cmp -s "$tmp/have" "$tmp/listed"; then ok; else
	bad "po/POTFILES.in does not list the sources as they are:"
	diff "$tmp/listed" "$tmp/have" | sed -n 's/^> /  missing: /p; s/^< /  no such file: /p'
fi

# the options of po/Makevars, as the po Makefile gives them to xgettext
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$srcdir/po/Makevars" |
	sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
(cd "$srcdir" && xgettext $opts -o "$tmp/descent.pot" $(cat "$tmp/listed")) ||
	{ echo "$name: xgettext failed"; exit 99; }
msgs=$(grep -c '^msgid ' "$tmp/descent.pot")
[ "$msgs" -gt 500 ] && ok || bad "xgettext found only $msgs messages"

for lang in $(sed 's/#.*//' "$srcdir/po/LINGUAS"); do
	po="$srcdir/po/$lang.po"
	msgmerge -q --no-fuzzy-matching "$po" "$tmp/descent.pot" -o "$tmp/$lang.po" 2>"$tmp/err" ||
		{ bad "$lang: msgmerge failed: $(cat "$tmp/err")"; continue; }
	if msgfmt -c -o /dev/null "$tmp/$lang.po" 2>"$tmp/err"; then ok; else
		bad "$lang: msgfmt -c finds errors:"; sed 's/^/  /' "$tmp/err" | head -20
	fi
	msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>"$tmp/stat"
	if grep -q 'untranslated\|fuzzy' "$tmp/stat"; then
		bad "$lang: not every message is translated: $(cat "$tmp/stat")"
		msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep '^msgid' | head -5
		msgattrib --untranslated "$tmp/$lang.po" 2>/dev/null | grep '^msgid' | head -10
	else
		ok
		echo "$lang: $(cat "$tmp/stat")"
	fi
done
echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
