#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bash.sh - the bash completion (src/completion/descent.bash): what the
# function offers for a line, as readline would ask it (COMP_WORDS split
# at COMP_WORDBREAKS), compared exactly with what the program lists; and,
# where tmux is, Tab pressed in a real bash.
set -u
srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
DESCENT=${DESCENT:-$srcdir/src/descent}
script=$srcdir/src/completion/descent.bash
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"; [ -n "${sock-}" ] && "$TMUX_BIN" -S "$sock" kill-server 2>/dev/null' EXIT

# the program as "descent" on PATH, as a user has it
mkdir "$tmp/bin"
ln -s "$DESCENT" "$tmp/bin/descent"
PATH=$tmp/bin:$PATH

# shellcheck source=/dev/null
source "$script" || { echo "bash: $script does not load"; exit 1; }

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# complete LINE: COMPREPLY for the cursor at the end of LINE, split into
# words as readline does (at spaces; '=' and ':' are words of their own)
complete_line() {
	local line=$1 w pre sep
	local -a parts
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMP_WORDS=()
	read -ra parts <<<"$line"
	for w in "${parts[@]}"; do
		while [[ $w == *[=:]* ]]; do
			pre=${w%%[=:]*}
			sep=${w:${#pre}:1}
			[[ -n $pre ]] && COMP_WORDS+=("$pre")
			COMP_WORDS+=("$sep")
			w=${w:${#pre}+1}
		done
		[[ -n $w ]] && COMP_WORDS+=("$w")
	done
	[[ $line == *" " || $line == *[=:] ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_descent descent "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

# check NAME LINE WANT: the replies, sorted, one line, are WANT
check() {
	local name=$1 line=$2 want=$3 got
	complete_line "$line"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//')
	if [[ $got == "$want" ]]; then ok; else
		bad "$name: '$line'"
		echo "  want: $want"
		echo "  got:  $got"
	fi
}
sorted() { sort | tr '\n' ' ' | sed 's/ $//'; }

# registered for descent
[[ $(complete -p descent 2>&1) == "complete -F _descent descent" ]] && ok ||
	bad "complete -p descent: $(complete -p descent 2>&1)"

# the commands, from the program
commands=$(descent --list-commands | sorted)
[[ $commands == *"learn"*"run"* ]] && ok || bad "--list-commands: $commands"
check "the commands" "descent " "$commands"
check "a command's start" "descent r" "replay run"
check "a command's start, one" "descent ev" "eval"
check "global options" "descent --" "--ascii --help --version"
check "no command of that start" "descent zz" ""

# each command's options, from the program, its data mode's too
for cmd in $(descent --list-commands); do
	want=$({ descent "$cmd" --list-options
		 case $cmd in analyze | plot | play) descent "$cmd" --data --list-options ;; esac
	       } | cut -f 1 | sed 's/\[*=\]*$//' | sort -u | tr '\n' ' ' | sed 's/ $//')
	check "the options of $cmd" "descent $cmd --" "$want"
done
check "run's options that start --st" "descent run --st" "--start --steps"
check "plot --sl: an option of plot's data mode" "descent plot --sl" "--slice"
check "an option of learn" "descent learn --pl" "--plain"
check "--list-optimizers" "descent run --list-o" "--list-optimizers"
check "an option after the operand" "descent run 'x^2' --lin" "--line-search"

# optimizers, from the optimizer table
optimizers=$(descent run --list-optimizers | sorted)
[[ $optimizers == *adam*gd* ]] && ok || bad "--list-optimizers: $optimizers"
check "run -o" "descent run -o " "$optimizers"
check "run -o a" "descent run -o a" "adagrad adam"
check "run --optimizer" "descent run --optimizer n" "nesterov newton"
check "run --optimizer=" "descent run --optimizer=ad" "adagrad adam"
check "map -o" "descent map 'x^2' -o l" "lbfgs"
check "plot --trajectory" "descent plot 'x^2' --trajectory mom" "momentum"
check "plot --trajectory, after the comma: nothing" "descent plot 'x^2' --trajectory gd,l" ""
check "play -o" "descent play -o rms" "rmsprop"
check "a value that is not a name" "descent run --start " ""
check "--lr takes a number" "descent run 'x^2' --lr " ""
check "an expression" "descent eval " ""

# chapters: ids and numbers from the lesson search path
ids=$(descent lessons --ids | cut -f 2 | sorted)
[[ $ids == *critical-points* ]] && ok || bad "lessons --ids: $ids"
check "learn's chapters" "descent learn " "$ids"
check "learn, an id's start" "descent learn crit" "critical-points"
check "learn, numbers" "descent learn 1" "1 10 11 12"
check "learn, the line's --lessons-only" \
	"descent learn --lessons-only $srcdir/tests/lessons/networks " "networks"
check "learn, the line's --lessons=DIR" \
	"descent learn --lessons=$srcdir/tests/lessons/networks n" "networks newton"
check "learn, a chapter's file" "descent learn $srcdir/tests/lessons/networks/" \
	"$srcdir/tests/lessons/networks/01-networks.json"
mkdir -p "$tmp/work/drafts/old"
touch "$tmp/work/draft.json" "$tmp/work/notes.txt" "$tmp/work/drafts/a.json" "$tmp/work/drafts/b.csv"

# files and directories, from a directory of drafts
cd "$tmp/work" || exit 99
check "learn, a .json file here" "descent learn dra" "draft.json"
check "lessons --check: .json files and directories" "descent lessons --check d" "draft.json drafts"
check "lessons --check: in a directory" "descent lessons --check drafts/" "drafts/a.json drafts/old"
check "lessons --key too" "descent lessons --key drafts/" "drafts/a.json drafts/old"
check "lessons: no files without --check" "descent lessons d" ""
check "--lessons: directories" "descent learn --lessons d" "drafts"
check "--progress: files" "descent learn --progress n" "notes.txt"
check "--data: files" "descent run --data drafts/b" "drafts/b.csv"
check "--record: files" "descent run 'x^2' --record n" "notes.txt"
check "replay: files" "descent replay n" "notes.txt"
check "play --replay: files" "descent play --replay n" "notes.txt"
cd - >/dev/null || exit 99

# Tab in a real bash, through readline, where tmux is
TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
if [[ -n $TMUX_BIN && -x $TMUX_BIN ]]; then
	sock=$tmp/tmux.sock
	cat >"$tmp/rc" <<EOF
PS1='$ '
PATH=$tmp/bin:\$PATH
source '$script'
EOF
	if ! "$TMUX_BIN" -S "$sock" -f /dev/null new-session -d -x 80 -y 24 \
		"env -u BASH_ENV bash --noprofile --rcfile '$tmp/rc' -i"; then
		if [ -n "${DESCENT_UI_SKIP_WITHOUT_TERMINAL-}" ]; then
			echo "bash: no terminal can be made here: Tab in a real bash skipped"
		else
			bad "tmux cannot start a session for Tab in a real bash"
		fi
		echo "bash: $pass passed, $fail failed"
		[ "$fail" -eq 0 ]
		exit
	fi
	# tab LINE WANT: type LINE, press Tab, type "|", and the line is WANT
	tab() {
		local line=$1 want=$2 i got=""
		"$TMUX_BIN" -S "$sock" send-keys -l "$line"
		"$TMUX_BIN" -S "$sock" send-keys Tab
		"$TMUX_BIN" -S "$sock" send-keys -l "|"  # shows the space Tab adds
		for ((i = 0; i < 50; i++)); do
			got=$("$TMUX_BIN" -S "$sock" capture-pane -p | grep '^\$ ' | tail -n 1)
			[[ $got == "\$ $want" ]] && break
			sleep 0.1
		done
		if [[ $got == "\$ $want" ]]; then ok; else
			bad "Tab after '$line': the line is '$got', not '\$ $want'"
		fi
		"$TMUX_BIN" -S "$sock" send-keys C-u
	}
	sleep 0.3
	tab "descent ru" "descent run |"
	tab "descent run -o nest" "descent run -o nesterov |"
	tab "descent run --optimizer=newt" "descent run --optimizer=newton |"
	tab "descent learn critical-p" "descent learn critical-points |"
	tab "descent plot --traj" "descent plot --trajectory |"
	tab "descent lessons --check $tmp/work/drafts/ol" "descent lessons --check $tmp/work/drafts/old/|"
fi

echo "bash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
