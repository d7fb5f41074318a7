#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install.sh - what make install leaves on a machine, and what make
# uninstall takes back: the installed program holds no directory of the
# build machine (its sources, its build tree), and uninstalling removes
# the lessons it installed and their folder when it is then empty, never
# a teacher's chapter put there.
set -u
MAKE=${MAKE:-make}
builddir=${abs_top_builddir:?}
srcdir=${abs_top_srcdir:?}
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

root=$tmp/root
if ! $MAKE -s -C "$builddir" install DESTDIR="$root" >"$tmp/log" 2>&1; then
	echo "install: make install failed"
	cat "$tmp/log"
	exit 1
fi
bin=$(find "$root" -type f -name descent -perm -u+x | head -n 1)
lessons=$(find "$root" -type d -path '*/descent/lessons' | head -n 1)
[ -n "$bin" ] && ok || bad "no installed program under $root"
[ -n "$lessons" ] && [ -n "$(ls "$lessons"/*.json 2>/dev/null)" ] && ok ||
	bad "no installed lessons under $root"
# every chapter of the course, none left out of the install
for f in "$srcdir"/lessons/*.json "$srcdir"/lessons/fr/*.json; do
	[ -n "$lessons" ] && [ -f "$lessons/$(basename "$f")" ] && ok ||
		bad "the chapter $(basename "$f") is not installed"
done

# the manual pages name the lessons' directory that was configured
if [ -n "$lessons" ]; then
	want=${lessons#"$root"}
	for page in man1/descent.1 man5/descent-lessons.5; do
		f=$(find "$root" -type f -path "*/$page" | head -n 1)
		if [ -n "$f" ] && grep -F -q -- "$want" "$f"; then
			ok
		else
			bad "the installed $page does not name the lessons' directory $want"
		fi
	done
fi

# the tutorial's chapter is installed with the documentation, where
# descent-lessons(5) says it is, and it loads
tut=$(find "$root" -type f -path '*/examples/tutorial.json' | head -n 1)
if [ -n "$tut" ] && "$bin" lessons --check "$tut" >/dev/null 2>&1; then ok; else
	bad "no installed examples/tutorial.json that checks under $root"; fi
f=$(find "$root" -type f -path "*/man5/descent-lessons.5" | head -n 1)
if [ -n "$tut" ] && [ -n "$f" ] && grep -F -q -- "$(dirname "${tut#"$root"}")" "$f"; then ok; else
	bad "descent-lessons(5) does not name the examples' directory"; fi

# the build machine's directories are not in the program
for d in "$srcdir" "$builddir"; do
	case $d in /|"") continue ;; esac
	if LC_ALL=C strings -a "$bin" | grep -F -q "$d"; then
		bad "the installed program holds the directory $d"
		LC_ALL=C strings -a "$bin" | grep -F "$d" | head -n 3
	else
		ok
	fi
done

# the shell completions, where bash-completion and zsh find them
bashc=$(find "$root" -type f -path '*/bash-completion/completions/descent' | head -n 1)
zshc=$(find "$root" -type f -name _descent | head -n 1)
[ -n "$bashc" ] && ok || bad "no bash completion in a bash-completion/completions under $root"
[ -n "$zshc" ] && head -n 1 "$zshc" | grep -q '^#compdef descent$' && ok ||
	bad "no zsh completion (_descent, #compdef descent) under $root"
loader=/usr/share/bash-completion/bash_completion
if [ -n "$bashc" ] && [ -f "$loader" ] && command -v bash >/dev/null 2>&1; then
	# bash-completion loads it on demand, from descent/../share of
	# $XDG_DATA_DIRS, as it does from /usr/share
	share=${bashc%/bash-completion/completions/descent}
	got=$(XDG_DATA_DIRS=$share BASH_COMPLETION_USER_DIR=$tmp/none \
		bash --norc --noprofile -c ". '$loader'; __load_completion descent;
		complete -p descent" 2>&1)
	[ "$got" = "complete -F _descent descent" ] && ok ||
		bad "bash-completion does not load the installed completion: $got"
fi

# a teacher's chapter stays; the installed ones go, and the folder goes
# once it is empty
if [ -n "$lessons" ]; then
	echo '{}' >"$lessons/zz-teacher.json"
	$MAKE -s -C "$builddir" uninstall DESTDIR="$root" >"$tmp/log" 2>&1 || bad "make uninstall failed"
	[ -f "$lessons/zz-teacher.json" ] && ok || bad "make uninstall removed a teacher's chapter"
	[ "$(ls "$lessons")" = zz-teacher.json ] && ok || bad "make uninstall left: $(ls "$lessons")"
	rm -f "$lessons/zz-teacher.json"
	$MAKE -s -C "$builddir" uninstall DESTDIR="$root" >"$tmp/log" 2>&1 || bad "make uninstall failed"
	[ ! -e "$lessons" ] && ok || bad "make uninstall left the empty folder $lessons"
	[ ! -e "$(dirname "$lessons")" ] && ok || bad "make uninstall left $(dirname "$lessons")"
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
