#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# zsh.sh - the zsh completion (src/completion/_descent), in a real
# interactive zsh (zsh -f, compinit, zpty; see capture.zsh): what it offers
# for a few lines, compared exactly with what the program lists.
set -u
srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
DESCENT=${DESCENT:-$srcdir/src/descent}
if ! command -v zsh >/dev/null 2>&1; then
	echo "zsh: not installed (./bootstrap installs it): skipped"
	exit 77
fi
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/work" "$tmp/work/drafts"
ln -s "$DESCENT" "$tmp/bin/descent"
touch "$tmp/work/draft.json" "$tmp/work/drafts/a.json" "$tmp/work/notes.txt"
PATH=$tmp/bin:$PATH
export PATH

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
sorted() { sort -u | tr '\n' ' ' | sed 's/ $//'; }

# the lines, and what each should offer (sorted, one line)
commands=$(descent --list-commands | sorted)
optimizers=$(descent run --list-optimizers | sorted)
ids=$(descent lessons --ids | cut -f 2 | sorted)
run_options=$(descent run --list-options | cut -f 1 | sed 's/\[*=\]*$//' | sorted)
plot_options=$({ descent plot --list-options; descent plot --data --list-options; } |
	cut -f 1 | sed 's/\[*=\]*$//' | sorted)
cat >"$tmp/cases" <<CASES
descent 	$commands
descent r	replay run
descent --	--ascii --help --version
descent run --	$run_options
descent plot --	$plot_options
descent run --st	--start --steps
descent run -o 	$optimizers
descent run -o a	adagrad adam
descent run --optimizer=ad	adagrad adam
descent plot x --trajectory mom	momentum
descent learn 	$(printf '%s\n' $ids draft.json drafts | sorted)
descent learn 1	1 10 11 12
descent learn crit	critical-points
descent learn --lessons-only $srcdir/tests/lessons/networks 	draft.json drafts networks
descent lessons --check d	draft.json drafts
descent learn --lessons d	drafts
descent replay n	notes.txt
descent run --start 	
CASES
cut -f 1 "$tmp/cases" >"$tmp/lines"
(cd "$tmp/work" && zsh -f "$srcdir/tests/completion/capture.zsh" "$srcdir/src/completion" \
	"$tmp/out" <"$tmp/lines")
status=$?
if [ "$status" -eq 77 ]; then
	echo "zsh: no zsh/zpty module: skipped"
	exit 77
fi
[ "$status" -eq 0 ] || bad "capture.zsh exited with $status"

n=0
while IFS='	' read -r line want; do
	n=$((n + 1))
	# the matches written after "-- end n-1 --" and before "-- end n --"
	got=$(awk -v n="$n" '/^-- end [0-9]+ --$/ { if ($3 == n) exit; m = $3; next }
		m == n - 1' "$tmp/out" | sorted)
	if [ "$got" = "$want" ]; then ok; else
		bad "'$line'"
		echo "  want: $want"
		echo "  got:  $got"
	fi
done <"$tmp/cases"

echo "zsh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
