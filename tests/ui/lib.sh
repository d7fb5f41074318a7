# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh - what the tmux-driven tests of the full-screen UI share: a
# session per program run (a new tmux server each time, so that no run
# races the end of the last), keys, the screen read back, and checks that
# wait for what they expect (polling up to 10 s: a slow machine is not a
# failure, a wrong or missing screen is).  Sourced by tests/ui/*.sh after
# they set `name`; they end with
#   echo "$name: $pass passed, $fail failed"
srcdir=${top_srcdir:-.}
DESCENT=${DESCENT:-src/descent}
TMUX_BIN=${TMUX_BIN:-tmux}
[ -n "$TMUX_BIN" ] || TMUX_BIN=tmux
case $DESCENT in
/*) ;;
*) DESCENT=$(pwd)/$DESCENT ;;
esac
[ -x "$DESCENT" ] || { echo "$name: no program $DESCENT"; exit 99; }
command -v "$TMUX_BIN" >/dev/null 2>&1 || { echo "$name: tmux not found (./bootstrap installs it)"; exit 99; }
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
n=0
sock="descent-test-$$-$n"
tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
# Where tmux cannot start a session (no pseudo-terminals, as in some
# package builds' chroots), these tests cannot run: an error, but for a
# package build, which sets DESCENT_UI_SKIP_WITHOUT_TERMINAL
# (debian/rules), where they are skipped, saying why.
if ! tm new-session -d -s probe -x 80 -y 24 'sleep 1' >/dev/null 2>&1; then
	rm -rf "$tmp"
	if [ -n "${DESCENT_UI_SKIP_WITHOUT_TERMINAL-}" ]; then
		echo "$name: no terminal can be made here (tmux cannot start a session): skipped"
		exit 77
	fi
	echo "$name: tmux cannot start a session here (no pseudo-terminals?)"
	exit 99
fi
tm kill-server >/dev/null 2>&1
# end_session: ends the last session's server, and then, after half a
# second, whatever is left of its program: the hangup can catch a
# sanitizer build in the leak check it runs at exit, which then spins
# forever (seen under LeakSanitizer), and must not outlive the tests
end_session() {
	shell=$(tm display-message -p -t t '#{pane_pid}' 2>/dev/null)
	prog=""
	[ -n "$shell" ] && prog=$(pgrep -P "$shell" 2>/dev/null)
	tm kill-server >/dev/null 2>&1
	[ -n "$prog" ] || return 0
	i=0
	while [ $i -lt 5 ] && kill -0 $prog 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	for p in $prog; do
		pkill -9 -P "$p" 2>/dev/null
		kill -9 "$p" 2>/dev/null
	done
	return 0
}
cleanup() { end_session; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

ok() { pass=$((pass + 1)); }

# How a SIGSEGV ends the program: by the signal (139), but in a build
# with AddressSanitizer its SEGV handler, which ours hands the signal on
# to after restoring the terminal, reports and aborts (134).
segv_code=139
grep -q -a __asan_init "$DESCENT" 2>/dev/null && segv_code=134
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	if [ -f "$tmp/screen" ]; then
		echo "--- the screen:"
		cat "$tmp/screen"
		echo "---"
	fi
}

# start W H COMMAND: a new session running COMMAND (its exit status goes to
# $tmp/status.N, a file of this session's own: the last session's program
# may still be ending, and write its status, while this one starts; the
# terminal's modes after it, `stty -a`, go to $tmp/stty.N first); the
# environment is a UTF-8 locale with colours unless the
# command sets its own.
start() {
	end_session
	n=$((n + 1))
	sock="descent-test-$$-$n"       # a new server: no race with the old one's end
	st="$tmp/status.$n"
	rm -f "$st" "$tmp/stty.$n" "$tmp/screen"
	tm new-session -d -s t -x "$1" -y "$2" \
		"cd '$tmp' && TERM=xterm-256color $3; s=\$?; stty -a >'$tmp/stty.$n' 2>&1; echo \$s >'$st'; sleep 30"
}
screen() { tm capture-pane -p -t t >"$tmp/screen" 2>/dev/null; }
keys() { tm send-keys -t t "$@"; }
# wait_for NAME PATTERN: passes when the screen matches the extended regex
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen
		if grep -Eq -- "$2" "$tmp/screen"; then
			ok
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	bad "$1: no line matches /$2/"
	return 1
}
# wait_count NAME PATTERN N: passes when N lines of the screen match
wait_count() {
	i=0
	while [ $i -lt 100 ]; do
		screen
		if [ "$(grep -Ec -- "$2" "$tmp/screen")" -eq "$3" ]; then
			ok
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	bad "$1: $(grep -Ec -- "$2" "$tmp/screen") lines match /$2/, not $3"
}
# wait_gone NAME PATTERN: passes when nothing on the screen matches
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		screen
		if ! grep -Eq -- "$2" "$tmp/screen"; then
			ok
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	bad "$1: a line still matches /$2/"
}
# settle: waits until the program has read every key sent so far (it
# shows its keys on '?', after the others, and hides them on the next);
# then $tmp/screen is the screen after them
settle() {
	keys '?'
	i=0
	while [ $i -lt 100 ] && screen && ! grep -q 'Keys of the' "$tmp/screen"; do
		sleep 0.1
		i=$((i + 1))
	done
	keys x
	i=0
	while [ $i -lt 100 ] && screen && grep -q 'Keys of the' "$tmp/screen"; do
		sleep 0.1
		i=$((i + 1))
	done
	# and the page drawn whole: two captures alike (a loaded machine
	# may show a redraw half done)
	i=0
	cp "$tmp/screen" "$tmp/screen.last"
	while [ $i -lt 50 ]; do
		sleep 0.1
		screen
		cmp -s "$tmp/screen" "$tmp/screen.last" && break
		cp "$tmp/screen" "$tmp/screen.last"
		i=$((i + 1))
	done
}
# wait_exit NAME STATUS: the program ends with STATUS
wait_exit() {
	i=0
	while [ $i -lt 100 ] && [ ! -s "$st" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -s "$st" ] && [ "$(cat "$st")" = "$2" ]; then
		ok
	else
		bad "$1: exit status '$(cat "$st" 2>/dev/null)', not $2"
	fi
}
# restored NAME: after wait_exit, the terminal is as before the program:
# out of the alternate screen, the cursor shown, no mouse reports, and
# the line discipline back in its modes (CR read as NL, NL written as CRNL)
restored() {
	f=$(tm display-message -p -t t \
		'#{alternate_on}#{cursor_flag}#{mouse_any_flag}#{mouse_standard_flag}' 2>/dev/null)
	if [ "$f" = 0100 ]; then ok; else
		bad "$1: the pane's alternate screen, cursor, mouse flags are $f, not 0100"; fi
	if grep -Eq '(^| )icrnl( |$)' "$tmp/stty.$n" && grep -Eq '(^| )onlcr( |$)' "$tmp/stty.$n" &&
	   grep -Eq '(^| )icanon( |$)' "$tmp/stty.$n" && grep -Eq '(^| )echo( |$)' "$tmp/stty.$n"; then
		ok
	else
		bad "$1: the terminal's modes are not restored: $(grep -Eo -- '-(icrnl|onlcr|icanon|echo)( |$)' "$tmp/stty.$n" 2>/dev/null | tr -d '\n')"
	fi
}
# panel_value NAME: the number after "NAME " in the panel (the right column)
# row N (from 1) of the screen that matches a pattern
row_of() { grep -n -E -- "$1" "$tmp/screen" | head -n 1 | cut -d: -f1; }
panel_value() {
	sed -n "s/.*[ ]$1 \\([-0-9.e+]*\\).*/\\1/p" "$tmp/screen" | head -n 1
}
# close A B: A and B agree to 6 significant digits
close() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
		exit !(a != "" && d <= 1e-5 * (m > 1e-300 ? m : 1)) }'
}

