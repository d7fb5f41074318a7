#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the playground (descent play), driven in tmux: the
# real program in a real (pseudo) terminal, keys sent with send-keys and
# the screen read back with capture-pane (the harness is lib.sh).
set -u
name=ui-play
. "${top_srcdir:-.}/tests/ui/lib.sh"

U8="LANG=C.UTF-8 LC_ALL=C.UTF-8"
Q="'x^2+3*y^2'"

# --- steps agree with descent run ---------------------------------------
start 80 24 "$U8 '$DESCENT' play $Q --start 1,1 --lr 0.1"
wait_for "the first frame" 'step 0'
keys n n n
wait_for "three steps" 'step 3'
LC_ALL=C "$DESCENT" run 'x^2+3*y^2' --start 1,1 --lr 0.1 --steps 3 >"$tmp/run" 2>&1
# "  at x = 0.512, y = 0.064, f = 0.274432"
rx=$(sed -n 's/^ *at x = \([^,]*\), y = \([^,]*\), f = \(.*\)$/\1/p' "$tmp/run")
ry=$(sed -n 's/^ *at x = \([^,]*\), y = \([^,]*\), f = \(.*\)$/\2/p' "$tmp/run")
rf=$(sed -n 's/^ *at x = \([^,]*\), y = \([^,]*\), f = \(.*\)$/\3/p' "$tmp/run")
px=$(panel_value x)
py=$(panel_value y)
pf=$(panel_value f)
if close "$px" "$rx" && close "$py" "$ry" && close "$pf" "$rf"; then ok; else
	bad "the panel (x $px, y $py, f $pf) disagrees with descent run ($rx, $ry, $rf)"; fi
wait_for "the trajectory's end on the plot" '@'
wait_for "the Hessian's eigenvalues in the panel" 'eig\(H\) 2, 6$'
wait_for "the legend" 'gd,lr=0.1'

# --- settings ---------------------------------------------------------------
keys ']'
wait_for "a larger learning rate" 'gd +lr 0.2'
wait_for "a new setting starts again" 'step 0'
keys '['
keys '['
wait_for "a smaller learning rate" 'gd +lr 0.05'
keys 6
wait_for "the optimizer by number, with the rate suggested for it" 'adam +lr 0.26'
wait_for "adam's state in the panel" 'm \(0, 0\)'
keys o
wait_for "o: the next optimizer" 'newton +lr 1( |$)'
keys 1
keys l
wait_for "the start moves right by a twentieth of the view" 'x 1.5 +y 1$'
keys k
wait_for "and up" 'x 1.5 +y 1.5$'
keys r
wait_for "r: back at the start" 'step 0'

# --- a race -----------------------------------------------------------------
keys a
wait_for "a: a second racer, at a rate of its own" 'momentum +lr 0.16'
keys n n
wait_count "both racers step" 'step 2$' 2
wait_for "the racers in the legend, by name (the panel has the rates)" '[*] gd +[*&] momentum +S start +@ end'
keys 1 ']'
wait_for "two racers of one optimizer: the legend gives their rates" 'gd,lr=0.17 +[*&] gd,lr=0.2'
keys d
wait_gone "d: the racer is removed" 'lr 0.2'

# --- play until it converges --------------------------------------------------
keys + + + ' '
wait_for "space plays until it converges, to a minimum, in the program's words" 'converged at step [0-9]+ to( a)?$'
# (the kind on the next line of the narrow panel: where the line breaks
# depends on the step's digits, 36 at gd's suggested rate)
wait_for "(the kind on the next line of the narrow panel)" '  (a )?minimum$'
# the step shown is the one where descent run says it converged
want=$(LC_ALL=C "$DESCENT" run 'x^2+3*y^2' --start 1.5,1.5 --lr 0.17 --steps 100000 |
	sed -n 's/^converged at step \([0-9]*\) to a minimum:.*/\1/p')
screen
if grep -q "step $want\$" "$tmp/screen"; then ok; else bad "the panel's last step is not $want"; fi

# --- help ---------------------------------------------------------------------
keys '?'
wait_for "? shows the keys" 'Keys of the live descent'
keys x
wait_gone "any key closes the help" 'Keys of the'


# --- the editor ---------------------------------------------------------------
keys e C-u 'x^2 + ^3' Enter
wait_for "a parse error in the editor" "expected .*'\\^'"
# the caret is under the column of the error: "f = x^2 + ^3", the '^' of "+ ^"
caret=$(awk '/^f = x\^2 \+ \^3/ { getline; print index($0, "^"); exit }' "$tmp/screen")
if [ "$caret" = 11 ]; then ok; else bad "the caret is at column $caret, not 11"; fi
# a line longer than the screen scrolls, and the caret follows the error
long='x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + (y ^ 3'
keys C-u "$long" Enter
wait_for "a long line scrolls: its start is hidden" '^f < '
wait_for "the error at its end" "missing '\\)' to close the '\\(' at column 85"
# (the caret is where the ')' is missing: just after the last '3')
caret=$(awk '/^f < / { line = $0; getline; c = index($0, "^");
	print (c == length(line) + 1) substr(line, c - 1, 1); exit }' "$tmp/screen")
if [ "$caret" = '13' ]; then ok; else bad "the caret of a scrolled line is not just after its end ($caret)"; fi
keys C-u 'x^4 - x^2' Enter
wait_for "Enter closes the editor" 'space:play'
wait_for "a 1D function from the editor" '^f = x\^4 - x\^2'
wait_for "in 1D the panel gives f''" "f'' -?[0-9.e+-]+\$"
wait_gone "a 1D panel has no y" ' y [-0-9.]'
keys e C-u 'x*y*z' Enter
wait_for "three variables are refused" '1 or 2 variables; this one has 3'
keys Escape
wait_for "Esc leaves the editor" 'space:play'

# --- three and four racers fit at 80x24 -------------------------------------------
keys a a
wait_count "three racers in the panel" '(gd|momentum|nesterov) +lr ' 3
wait_count "each with its outcome" 'paused$' 3
# the panel keeps above the function's row and the status line
if grep -E '^(f = |space:play)' "$tmp/screen" | grep -q 'paused'; then
	bad "three racers: the panel runs into the last rows"; else ok; fi
keys a
wait_count "four racers in the panel" '(gd|momentum|nesterov|adagrad) +lr ' 4
wait_count "each with its outcome" 'paused$' 4

# --- quitting -----------------------------------------------------------------
keys q
wait_exit "q quits with 0" 0

# --- a bad expression on the command line ---------------------------------------
# W: the figure in words, over the screen, from the analysis that draws it
start 80 24 "$U8 '$DESCENT' play '(x^2+y-11)^2+(x+y^2-7)^2' --start 0,0 --lr 0.01"
wait_for "Himmelblau in the playground" 'gd'
keys ' '
sleep 0.5
keys W
wait_for "W: the figure in words" 'The figure in words'
wait_for "its four minima" '4 minima, at \(-3\.779, -3\.283\),'
wait_for "each where f = 0" 'each where f = 0'
wait_for "the run so far" 'Run 1, gd,lr=0\.01: from \(0, 0\), where f = 170, it is,'
keys x
wait_gone "any key closes it" 'The figure in words'

start 80 24 "$U8 '$DESCENT' play 'sin(x'"
wait_for "opens the editor with the error" "missing '\\)' to close the '\\(' at column 4"
keys BSpace BSpace BSpace BSpace BSpace BSpace 'x^2 ? 1 : 0'
wait_for "? can be typed in the editor" '^f = x\^2 \? 1 : 0'
keys C-u '(x-1)^2' Enter
wait_for "and the fixed one is descended" 'step 0'
keys q
wait_exit "then q quits" 0
start 80 24 "$U8 '$DESCENT' play 'x*y*z'"
wait_for "three variables: the editor says why" '1 or 2 variables; this one has 3'
keys Escape
wait_exit "Esc without a function quits" 0

# --- the list of classic functions --------------------------------------------
start 80 24 "$U8 '$DESCENT' play"
wait_for "the list" 'Rosenbrock'
wait_for "the list has the saddles" 'monkey saddle'
keys j Enter
wait_for "Enter descends the one chosen" 'f = \(x\^2\+y-11\)\^2'
keys n
wait_for "it steps" 'step 1'
keys q
wait_exit "q quits from the playground" 0

# --- a classic by its name -------------------------------------------------------------
start 80 24 "$U8 '$DESCENT' play rosenbrock"
wait_for "play NAME descends the classic of that name" 'f = \(1-x\)\^2 \+ 100\*\(y-x\^2\)\^2'
wait_for "with its setting" 'gd,lr=0\.001'
keys q
wait_exit "q quits" 0
start 80 24 "$U8 '$DESCENT' play 'Six-hump camel' --lr 0.02"
wait_for "a name with spaces and capitals" 'f = \(4 - 2\.1\*x\^2'
wait_for "and the rate given" 'gd,lr=0\.02'
keys q
wait_exit "q quits" 0

# --- racers told apart: a glyph and a colour each, the same in the plot and the panel --------
start 80 24 "$U8 '$DESCENT' play '(x^2+y-11)^2+(x+y^2-7)^2' --start 0,0 --lr 0.01"
wait_for "the playground" 'step 0'
keys a o
wait_for "the second racer has its own glyph in the panel" '  & nesterov  lr 0\.01$'
wait_for "and in the legend" '  \* gd  & nesterov$'
tm capture-pane -p -e -t t >"$tmp/colors" 2>/dev/null
# the legend's glyphs in the racers' colours, red and cyan (SGR 31, 36)
if grep -q "$(printf '\033')\[31m\*$(printf '\033')\[0m.* gd  .*$(printf '\033')\[36m&" "$tmp/colors"; then
	ok
else
	bad "the legend's glyphs are not in the racers' colours (red *, cyan &)"
	grep -a 'nesterov$' "$tmp/colors" | cat -v | head -n 3
fi
keys q
wait_exit "q quits" 0

# --- a fair race: each optimizer joins with a rate of its own -------------------------
# (copying the rate, adagrad at gd's 0.001 crawled, and the table's
# defaults diverge here: gd at step 4, momentum at step 3)
# lr_of NAME: the rate the panel gives racer NAME
lr_of() { sed -n "s/.*[^a-z]$1 *lr \([0-9.e+-]*\).*/\1/p" "$tmp/screen" | head -n 1; }
# race NAME OPTIMIZERS...: after the racers have stepped a while, each has
# its own rate, and none diverged
race() {
	what=$1
	shift
	wait_for "$what: a race" 'step [0-9]{4}'
	screen
	rates=""
	for o in "$@"; do
		r=$(lr_of "$o")
		[ -n "$r" ] || bad "$what: no rate in the panel for $o"
		rates="$rates $r"
	done
	if [ "$(echo $rates | tr ' ' '\n' | sort -u | wc -l)" -eq $# ]; then ok; else
		bad "$what: the racers $* share rates ($rates)"; fi
	if grep -q 'diverged' "$tmp/screen"; then bad "$what: a racer diverged"; else ok; fi
}
start 80 24 "$U8 '$DESCENT' play"
wait_for "the list" 'Rosenbrock'
keys Enter
wait_for "Rosenbrock's preset" 'gd +lr 0.001'
keys a a a
wait_for "the third racer joins" 'nesterov +lr 0.00016'
wait_for "adagrad joins at its own rate" 'adagrad +lr 0.078'
keys + + + + + + ' '
race "Rosenbrock at 80x24" gd momentum nesterov adagrad
keys q
wait_exit "q quits" 0
start 200 60 "$U8 '$DESCENT' play"
wait_for "the list" 'Rosenbrock'
keys Enter
wait_for "Rosenbrock's preset" 'gd +lr 0.001'
keys 5 a a a 1
wait_for "the fourth racer joins, made gd by its digit" 'gd +lr 0.00048'
wait_for "a wide legend gives every racer's rate" 'rmsprop,lr=0.0062 +[&] adam,lr=0.019 +[$] newton,lr=1 +[~] gd,lr=0.00048'
keys + + + + + + ' '
race "Rosenbrock at 200x60" rmsprop adam newton gd
keys q
wait_exit "q quits" 0

# --- O: the list of optimizers; a digit or Enter takes one, 0 the tenth ---------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+10*y^2' --start 3,1"
wait_for "the playground" 'step 0'
keys O
wait_for "O: the list, the racer's marked" '^.*Optimizer of racer 1 *$'
wait_for "gd is the racer's, numbered 1" '^.* > 1  gd *$'
wait_for "and cg is the tenth, numbered 0" '^.*   0  cg *$'
wait_for "the status line says how to pick" 'Enter:take it 1-9 0:by number Esc:cancel'
keys Down Down Enter
wait_for "two down and Enter: nesterov, at its own rate" '\* nesterov +lr 0\.017'
keys 0
wait_for "0: the tenth, cg, at its rate of 1" '\* cg +lr 1$'
keys O Escape
wait_gone "Esc closes the list" 'Optimizer of racer'
keys q
wait_exit "q quits" 0

# --- N: a step back, and forward again the same step ---------------------------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+y^2' --lr 0.1 --start 1,1 --optimizer adam"
wait_for "the playground, adam" 'step 0'
keys n n n
wait_for "three steps" '^ .* step 3$'
screen
after3=$(grep -o 'x [-0-9.e]*  y [-0-9.e]*' "$tmp/screen" | head -n 1)
keys N
wait_for "N: one step back" '^ .* step 2$'
keys n
wait_for "n: step 3 again" '^ .* step 3$'
screen
again=$(grep -o 'x [-0-9.e]*  y [-0-9.e]*' "$tmp/screen" | head -n 1)
if [ -n "$after3" ] && [ "$after3" = "$again" ]; then ok; else
	bad "a step back and forward: '$again', not '$after3'"; fi
keys BSpace
wait_for "Backspace steps back too" '^ .* step 2$'
keys q
wait_exit "q quits" 0

# --- f: the loss curve under the plot -------------------------------------------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+y^2' --lr 0.1 --start 1,1"
wait_for "the playground" 'step 0'
keys f n n n
wait_for "f: a loss curve, keyed by the racer's glyph" '^\* gd$'
wait_for "against the step: records 0 to 2, on an axis to 10 that grows by round steps" \
	'^ +0 +5 +10$'
settle
cp "$tmp/screen" "$tmp/curve3"
keys n
settle
# a steady frame: one more record changes the curve, not the axes
if [ "$(grep -c -E '^ +\+|^ +[0-9.]+\+' "$tmp/screen")" = "$(grep -c -E '^ +\+|^ +[0-9.]+\+' "$tmp/curve3")" ] &&
   grep -q -E '^ +0 +5 +10$' "$tmp/screen"; then ok; else bad "the loss curve's axes move at every step"; fi
keys n n n n n n n n
wait_for "past 10 steps, the axis goes to 20" '^ +0 +10 +20$'
keys a
wait_for "a second racer joins the curve in its glyph" '^\* gd  & momentum$'
keys f
wait_gone "f again: no curve" '^\* gd  & momentum$'
keys q
wait_exit "q quits" 0

# a wide screen: the curve beside the plot from the start, f hides it
start 200 50 "$U8 '$DESCENT' play 'x^2+y^2' --lr 0.1 --start 1,1"
wait_for "the playground at 200x50" 'step 0'
keys a n n n
wait_for "the curve beside the plot: both legends on one row" \
	'^o min  \* gd,lr=0\.1  & momentum,lr=0\.48  S start  @ end +\* gd  & momentum$'
keys f
wait_gone "f hides it" '@ end +\* gd  & momentum$'
wait_for "and the plot takes the width" '^o min  \* gd,lr=0\.1  & momentum,lr=0\.48  S start  @ end$'
keys f
wait_for "f shows it again" '@ end +\* gd  & momentum$'
keys q
wait_exit "q quits" 0

# --- every rate is a control: the settings of the racer Tab chose --------------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+10*y^2' --start 2,1"
wait_for "the playground" 'step 0'
wait_for "gd's settings under its name: the noise, with its keys" '  < > noise 0$'
keys '}'
wait_for "gd has no beta, and says what to do" 'gd has no beta \(Tab: the next racer, o: another optimizer\)'
keys '>' '>' n n
wait_for "> raises the noise, along round values" '  < > noise 0\.002$'
keys a
wait_for "momentum joins, its settings shown: beta" '  \{ \} beta 0\.9$'
keys '}'
wait_for "} raises its beta to the next round value" '  \{ \} beta 0\.95$'
keys '{' '{'
wait_for "{ lowers it" '  \{ \} beta 0\.8$'
wait_count "only the chosen racer's settings are shown" '  < > noise' 1
keys Tab
wait_for "Tab: gd's settings again" '  < > noise 0\.002$'
wait_gone "and not momentum's" '\{ \} beta'
keys '<' '<' '<'
wait_for "the noise goes down to 0, no lower" '  < > noise 0$'
wait_for "and says so" 'gd noise is at its smallest'
keys o o o o o
wait_for "adam: beta1 and beta2" '  \( \) beta2 0\.999$'
keys '('
wait_for "( lowers beta2" '  \( \) beta2 0\.995$'
wait_for "and beta1 is turned by { }" '  \{ \} beta1 0\.9$'
keys q
wait_exit "q quits" 0

# --- no --lr: the default rate, unless the start is too steep for it -------------------------
start 80 24 "$U8 '$DESCENT' play '(1-x)^2+100*(y-x^2)^2' --start -1.5,2"
wait_for "Rosenbrock's start: gd at a rate safe there, not 0.01" '\* gd +lr 0\.00048$'
keys '+' '+' '+' '+' ' '
wait_for "it runs" 'step [0-9]{3,}'
wait_gone "and does not diverge" 'diverged'
keys q
wait_exit "q quits" 0
start 80 24 "$U8 '$DESCENT' play 'x^2+y^2' --start 1,1"
wait_for "a gentle bowl keeps the default" '\* gd +lr 0\.01$'
keys ']' ']' ']' ']' ']' ']' ']' a a n n n n n n n n n n n n
wait_for "three racers: the compact panel says how gd ended, without the reason" '  diverged at step [0-9]+$'
keys q
wait_exit "q quits" 0

# --- s: the sign of each step ------------------------------------------------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+y^2' --lr 1.5 --start 1,1"
wait_for "the playground" 'step 0'
keys n n s
wait_for "s marks each step: the legend keys the signs" '@ end  \+ f fell  x f rose'
keys s
wait_gone "s again: no signs" 'f fell'
keys q
wait_exit "q quits" 0

# --- a run that leaves the view ----------------------------------------------------
start 80 24 "$U8 '$DESCENT' play 'x^2+y^2' --lr 1.5 --start 1,1"
wait_for "the playground" 'step 0'
keys ' '
wait_for "x doubles and flips each step: it leaves the view at step 3" '  left the view at step 3$'
wait_for "its arrow is on the edge it crossed, the bottom" '^ -5\+.*↓'
wait_for "the legend keys it" '@ end  ↓ left view$'
wait_for "the y labels stay whole" '^  5\+'
wait_for "the x labels stay whole" '^ +-5 +0 +5$'
keys q
wait_exit "q quits" 0

# --- the terminal ---------------------------------------------------------------
start 60 20 "$U8 '$DESCENT' play $Q"
wait_for "60x20 is too small, in one line" 'needs 70x20 at least; this terminal is 60x20'
tm resize-window -t t -x 80 -y 24 >/dev/null 2>&1
wait_for "a resize redraws at once" 'step 0'
keys q
wait_exit "q quits after a resize" 0

start 70 20 "$U8 '$DESCENT' play $Q"
wait_for "70x20, the smallest: the status line whole" 'e:edit \?:keys q:quit$'
keys '?'
wait_for "the keys fit: the last one, in the frame" '^ +│ W: the figure in words   q: quit +│$'
wait_for "and the common one" '\?: these keys \(any key closes them\)'
keys x q
wait_exit "q quits at 70x20" 0

start 200 60 "$U8 '$DESCENT' play $Q --start 1,1"
wait_for "200x60" 'step 0'
screen
if [ "$(awk 'length > 150' "$tmp/screen" | wc -l)" -gt 20 ]; then ok; else bad "200x60 uses the room"; fi
keys q

start 80 24 "LANG=C LC_ALL=C NO_COLOR=1 '$DESCENT' play $Q --start 1,1"
wait_for "LANG=C NO_COLOR" 'step 0'
if LC_ALL=C grep -q "$(printf '\342\240')" "$tmp/screen"; then bad "LANG=C: no braille"; else ok; fi
if LC_ALL=C grep -q '[^ -~]' "$tmp/screen"; then bad "LANG=C: ASCII only"; else ok; fi
keys q

start 80 24 "$U8 '$DESCENT' play $Q --ascii"
wait_for "--ascii" 'step 0'
if LC_ALL=C grep -q '[^ -~]' "$tmp/screen"; then bad "--ascii: ASCII only"; else ok; fi
keys q

# --- a click on the plot puts the start there -----------------------------------------
start 80 24 "$U8 '$DESCENT' play $Q --start 1,1 --ascii"
wait_for "before the click" 'x 1 +y 1$'
tm send-keys -t t -l "$(printf '\033[<0;30;5M')"     # a press at column 30, row 5
wait_gone "the click moves the start" 'x 1 +y 1$'
screen
if [ "$(sed -n 5p "$tmp/screen" | cut -c30)" = '@' ]; then ok; else bad "the start is in the clicked cell"; fi
keys n
wait_for "and the descent goes from there" 'step 1'
screen
xticks=$(grep -E '^ +-?[0-9]' "$tmp/screen" | tail -n 1)
keys L
wait_gone "L pans the view: the x ticks change" "^$xticks\$"
screen
panned=$(grep -E '^ +-?[0-9]' "$tmp/screen" | tail -n 1)
keys z
wait_gone "z zooms in: the x ticks change" "^$panned\$"
keys Z
wait_for "Z zooms back out to the same view" "^$panned\$"
keys q

# --- t hides the trail and shows it again ------------------------------------------
# without colour the trail is drawn in the racer's glyph, '*'; the legend's line
# ("* gd,lr=..."), the function's line and the panel are left out of the count
trail() { cut -c1-50 "$tmp/screen" | grep -v -e "gd,lr=" -e "^f = " | tr -cd "*" | wc -c; }
start 80 24 "LANG=C LC_ALL=C NO_COLOR=1 '$DESCENT' play $Q --start 2,1.5 --lr 0.03 --x -2.5:2.5 --y -2:2"
wait_for "before the trail" 'step 0'
keys n n n n n n n n n n
wait_for "ten steps" 'step 10$'
screen
if [ "$(trail)" -ge 3 ]; then ok; else bad "ten steps draw a trail ($(trail) marks)"; fi
keys t
i=0
while [ $i -lt 100 ]; do screen; [ "$(trail)" -eq 0 ] && break; sleep 0.1; i=$((i + 1)); done
if [ "$(trail)" -eq 0 ]; then ok; else bad "t hides the trail ($(trail) marks left)"; fi
if grep -q '@' "$tmp/screen" && grep -q 'S' "$tmp/screen"; then ok; else
	bad "without the trail the start and the end stay"; fi
keys n
wait_for "it goes on without a trail" 'step 11$'
if [ "$(trail)" -eq 0 ]; then ok; else bad "a step adds no trail when it is hidden"; fi
keys t
i=0
while [ $i -lt 100 ]; do screen; [ "$(trail)" -ge 3 ] && break; sleep 0.1; i=$((i + 1)); done
if [ "$(trail)" -ge 3 ]; then ok; else bad "t again shows the whole trail"; fi
keys q

# --- signals ---------------------------------------------------------------------
ulimit -c 0 2>/dev/null         # SIGABRT and SIGSEGV end it without a core file
for sig in HUP TERM INT QUIT ABRT SEGV; do
	start 80 24 "$U8 '$DESCENT' play $Q"
	wait_for "before SIG$sig" 'step 0'
	pid=$(pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1)
	case $sig in HUP) code=129 ;; TERM) code=143 ;; INT) code=130 ;; QUIT) code=131 ;;
	ABRT) code=134 ;; SEGV) code=$segv_code ;; esac
	if [ -n "$pid" ]; then
		kill -s "$sig" "$pid"
		wait_exit "SIG$sig ends it" "$code"
		restored "SIG$sig"
		if kill -0 "$pid" 2>/dev/null; then bad "SIG$sig: the process is gone"; else ok; fi
	else
		bad "SIG$sig: no process"
	fi
done
# Ctrl-\ as typed: the terminal sends SIGQUIT
start 80 24 "$U8 '$DESCENT' play $Q --start 1,1"
wait_for "before Ctrl-\\" 'step 0'
keys n
wait_for "a step" 'step 1'
keys 'C-\'
wait_exit "Ctrl-\\ ends it as SIGQUIT" 131
restored "Ctrl-\\"

# --- a terminal without colour or an alternate screen -------------------------------
start 80 24 "$U8 TERM=vt100 '$DESCENT' play $Q --start 1,1"
wait_for "vt100: drawn" 'step 0'
keys n
wait_for "vt100: it steps" 'step 1'
keys q
wait_exit "vt100: q quits" 0
screen
if grep -q '[^ ]' "$tmp/screen"; then bad "vt100: the screen is left blank, without the UI"; else ok; fi

# --- a terminal that hangs up without a SIGHUP ---------------------------------------
# under setsid the terminal is not the program's controlling one: when it
# goes, no SIGHUP comes, its reads fail at once, and it must end, not spin
if command -v setsid >/dev/null 2>&1; then
	start 80 24 "$U8 setsid -w '$DESCENT' play $Q"
	wait_for "under setsid: drawn" 'step 0'
	pid=$(pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1)
	[ -n "$pid" ] || bad "under setsid: no process found"
	tm kill-server >/dev/null 2>&1
	i=0
	while [ $i -lt 30 ]; do
		state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
		case $state in ''|Z*) break ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	case $state in
	''|Z*) ok ;;
	*) bad "the terminal gone without a SIGHUP: the program is still there ($state)"
	   kill -9 "$pid" 2>/dev/null ;;
	esac
fi

# --- a negative zero reads 0 -----------------------------------------------------------
# -x^4 - y^4 at the origin: f and the Hessian's entries are -0
start 80 24 "$U8 '$DESCENT' play --start 0,0 -- '-x^4-y^4'"
wait_for "-0: f in the panel" '  f 0$'
wait_for "-0: the eigenvalues in the panel" 'eig\(H\) 0, 0$'
wait_gone "-0: nowhere in the panel" '(^| )-0([ ,]|$)'
start 80 24 "$U8 '$DESCENT' play --start 0 -- '-x^4'"
wait_for "-0: f'' in the panel" "f'' 0$"
wait_gone "-0: nowhere in the 1D panel" '(^| )-0([ ,]|$)'

# --- m: the map of settings ------------------------------------------------------
start 80 24 "LANG=C LC_ALL=C NO_COLOR=1 '$DESCENT' play 'x^2+10*y^2' --start 1,0.5 -o momentum --lr 0.05"
wait_for "before the map" 'momentum +lr 0.05'
keys m
wait_for "m: a map of the rate and beta, its legend" '^steps, at most: @ '
wait_for "m: the cursor on the racer's settings" '^lr 0.05, beta 0.928: converged in [0-9]+ steps$'
wait_for "m: the map's keys" 'arrows:cell Enter:take these settings m/Esc:back'
keys Left
wait_for "left: a smaller rate" '^lr 0\.04[0-9]*, beta 0.928: '
keys Down Down
wait_for "down: a smaller beta" '^lr 0\.04[0-9]*, beta 0\.8[0-9]*: '
keys Escape
wait_for "Esc: back, as it was" 'momentum +lr 0.05'
keys m Right Right
wait_for "right: a larger rate" '^lr 0\.0[5-9][0-9]*, beta 0.928: '
settle                  # both keys read: the cell two to the right, not one
cell_lr=$(sed -n 's/^lr \([0-9.]*\), beta .*/\1/p' "$tmp/screen")
keys Enter
wait_for "Enter: back to the live descent" 'step 0'
panel_lr=$(sed -n 's/^.* momentum  *lr \([0-9.e-]*\)$/\1/p' "$tmp/screen" | head -n 1)
if awk -v a="$panel_lr" -v b="$cell_lr" 'BEGIN { exit !(a != "" && (a - b) / b < 1e-3 && (b - a) / b < 1e-3) }'; then
	ok; else bad "Enter: the racer's rate $panel_lr is not the cell's $cell_lr"; fi
wait_for "and starts again" 'step 0'
if "$DESCENT" run 'x^2+10*y^2' --start 1,0.5 -o momentum --lr 0.05 --steps 1000 --format csv 2>/dev/null |
   tail -n 1 | grep -q '^# converged at step '; then ok; else bad "descent run: momentum at 0.05 converges"; fi

# --- recorded runs -------------------------------------------------------------
LC_ALL=C "$DESCENT" run 'x^2+3*y^2' --start 1,1 -o momentum --lr 0.05 --steps 40 \
	--record "$tmp/rec.jsonl" >/dev/null 2>&1
start 80 24 "$U8 '$DESCENT' play --replay '$tmp/rec.jsonl'"
wait_for "--replay: the record named" 'the run recorded in .*rec.jsonl: space plays it'
wait_for "--replay: its optimizer and rate" 'momentum +lr 0.05'
keys ' '
wait_for "--replay: it stops where the record does" 'step limit'
wait_for "--replay: at its step limit" 'step 40$'
keys w
wait_for "w: the run kept in a file" "momentum's run is kept in descent-run-1.jsonl"
if "$DESCENT" replay "$tmp/descent-run-1.jsonl" >"$tmp/out" 2>&1 &&
   grep -q '^every step reproduced bit for bit: .* all 41 steps;$' "$tmp/out"; then ok; else
	bad "the kept run does not replay bit for bit: $(cat "$tmp/out")"; fi
keys r n n n w
# three steps taken: steps 0, 1 and 2 are recorded, the run now at step 3
wait_for "w again: the next free name" "momentum's run is kept in descent-run-2.jsonl"
if "$DESCENT" replay "$tmp/descent-run-2.jsonl" >"$tmp/out" 2>&1 &&
   grep -q '^the record ends there, the run still going$' "$tmp/out" &&
   grep -q ' all 3 steps;$' "$tmp/out"; then ok; else
	bad "a run kept while it went on does not replay: $(cat "$tmp/out")"; fi
printf 'x,y\n0,1\n1,3\n' >"$tmp/d.csv"
LC_ALL=C "$DESCENT" run --data "$tmp/d.csv" --model 'w*x + b' --steps 5 --record "$tmp/data.jsonl" >/dev/null 2>&1
if "$DESCENT" play --replay "$tmp/data.jsonl" >"$tmp/out" 2>&1; then
	bad "play --replay of a data run fails"
elif grep -q 'is a run on data; the playground shows runs on a function' "$tmp/out"; then ok; else
	bad "play --replay of a data run says why: $(cat "$tmp/out")"; fi
if "$DESCENT" play --replay "$tmp/none.jsonl" >"$tmp/out" 2>&1; then
	bad "play --replay of no file fails"
elif grep -q 'none.jsonl: error: cannot read it' "$tmp/out"; then ok; else
	bad "play --replay of no file says why: $(cat "$tmp/out")"; fi

# --- a terminal that ncurses does not know -------------------------------------------
start 80 24 "$U8 TERM=no-such-term '$DESCENT' play $Q 2>&1"
wait_for "an unknown TERM: one clear message" "play cannot draw on the terminal 'no-such-term' \\(TERM\\)"
wait_exit "and the status 1" 1

# --- not a terminal ----------------------------------------------------------------
if "$DESCENT" play 'x^2' </dev/null >"$tmp/out" 2>"$tmp/err"; then
	bad "play without a terminal fails"
elif grep -q 'play needs a terminal' "$tmp/err"; then ok; else bad "play without a terminal says why"; fi

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
