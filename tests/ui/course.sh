#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the full-screen course (descent, descent learn),
# driven in tmux like play.sh (the harness is lib.sh); the progress file is
# checked after q and after SIGHUP and SIGQUIT, the terminal after signals.
set -u
name=ui-course
. "${top_srcdir:-.}/tests/ui/lib.sh"

U8="LANG=C.UTF-8 LC_ALL=C.UTF-8"
L="$srcdir/tests/course"
case $L in /*) ;; *) L=$(pwd)/$L ;; esac
ST="$tmp/state"
P="$ST/descent/progress.json"
ENV="$U8 XDG_STATE_HOME='$ST'"

# --- the map, a chapter, pages ------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L'"
wait_for "the course map" 'descent: the course'
wait_for "the first chapter, new" '1  Objective, loss and cost +new'
wait_for "the second" '2  Critical points: minima, maxima, saddles +new'
keys Enter
wait_for "Enter opens the chapter at its first page" 'page 1 of 10: What are we minimizing\?'
wait_for "its text" 'Training a model means choosing numbers'
keys n
wait_for "n: the next page" 'page 2 of 10: Loss and cost'
keys Right
wait_for "right: the next page, a plot" 'page 3 of 10: One parameter, one curve'
wait_for "the plot's axis" '^ +\+\+?-+\+'
keys p
wait_for "p: the previous page" 'page 2 of 10'
keys '?'
wait_for "? shows the reader's keys" 'Keys of the page reader'
keys x
wait_gone "and any key closes them" 'Keys of the page reader'

# --- a quiz: wrong, a hint, right ------------------------------------------------
keys n n
wait_for "the quiz page" 'page 4 of 10: Loss or cost\?'
wait_for "its choices, radio buttons: one is right" '\( \) 1\) '
keys x
wait_for "x before any answer: no explanation yet" 'Try twice first \(h gives a hint\)'
wait_gone "and none is shown" 'A loss scores a single prediction'
keys Down Enter
wait_for "the arrows choose: a wrong answer is told at once" 'Not quite'
wait_for "the choice picked is marked" '\(\*\) 2\) '
wait_for "and what picking it reveals is said" 'That mean is the cost J: it scores the whole data set'
wait_gone "one wrong answer does not offer the explanation yet" '\(x: the explanation\)'
keys x
wait_for "x after one try: one more first" 'Try twice first'
wait_gone "and the explanation is not shown" 'A loss scores a single prediction'
keys 3 Enter
wait_for "a second wrong answer says what it reveals" 'The parameters are what J is a function of'
wait_for "and offers the explanation" '\(x: the explanation\)'
keys x
wait_for "x after a try shows the explanation" 'A loss scores a single prediction'
keys h
wait_for "h: the hint" '^ Hint: '
keys 1 Enter
wait_for "the right answer" '^ Right'
wait_for "the choice is marked" '\(\*\) 1\) '
wait_for "alone" '\( \) 2\) '
keys n p
wait_for "back on it: answered right before" '^ You answered this right before \(x: the explanation\)\.$'
keys x
wait_for "and x shows the explanation at once" 'A loss scores a single prediction'

# --- a numeric page ----------------------------------------------------------------
keys n n
wait_for "the numeric page" 'page 6 of 10'
keys 1 / 9 Enter
wait_for "a wrong number" 'Not quite|not|off'
keys BSpace 1 8 Enter
wait_for "typed: 1/18" 'Your answer: 1/18_'
wait_for "is right" '^ Right'

# --- a descent page plays -------------------------------------------------------------
keys n
wait_for "the descent page" 'page 7 of 10'
wait_for "its status line: the keys, and that more text lies below" ' q:map  \(down: more\)$'
wait_for "the plot shows the page's region, x from -3 to 3 (ticks -2 0 2)" '^ +-2 +0 +2$'
wait_for "before a step: the start, on the plot and in words" '^  gd,lr=0\.1: step 0, at \(-2\.5, 0\.5\), f = 30 \(space plays\)$'
# (the S and the @ share its cell: the @ is drawn)
if grep -Eq '^ *-?[0-9.]*[+|].*@' "$tmp/screen"; then ok; else bad "before a step the plot shows the start"; fi
wait_for "the figure's caption: the cost it draws" '^J\(w0, w1\) = mse of w0 \+ w1\*x over 3 points'
# f: a larger figure, and back (the plot's rows start with a tick or '|')
plotrows() { grep -Ec '^ *-?[0-9.]*[+|]' "$tmp/screen"; }
screen
small=$(plotrows)
keys f
i=0
while [ $i -lt 100 ] && screen && [ "$(plotrows)" -le "$small" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(plotrows)" -ge $((small + 3)) ]; then ok; else bad "f: a larger figure ($small rows, then $(plotrows))"; fi
keys f
i=0
while [ $i -lt 100 ] && screen && [ "$(plotrows)" -ne "$small" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(plotrows)" -eq "$small" ]; then ok; else bad "f again: the figure as it was"; fi
keys s s s
wait_for "s: three steps, the point and f" '^  gd,lr=0\.1: step 3, at \(-?[0-9.e-]+, -?[0-9.e-]+\), f = [0-9.e+-]+ \(space plays\)$'
# t hides the trail and shows it again: the picture changes, then comes back
screen
cp "$tmp/screen" "$tmp/trail"
keys t
i=0
while [ $i -lt 100 ] && screen && cmp -s "$tmp/screen" "$tmp/trail"; do sleep 0.1; i=$((i + 1)); done
if cmp -s "$tmp/screen" "$tmp/trail"; then bad "t hides the trail"; else ok; fi
if grep -q '@' "$tmp/screen"; then ok; else bad "without the trail the run's end stays"; fi
keys t
i=0
while [ $i -lt 100 ] && screen && ! cmp -s "$tmp/screen" "$tmp/trail"; do sleep 0.1; i=$((i + 1)); done
if cmp -s "$tmp/screen" "$tmp/trail"; then ok; else bad "t again shows the same trail"; fi
keys ' '
wait_for "space plays it to its end, told as learn --plain tells it, in two rows" \
	'^  gd,lr=0\.1: converged at step 527 to a minimum, at \(-0\.16667, 2\), f =$'
wait_for "the second row" '^  0\.0555556$'

# --- back to the map: the progress is there and saved ----------------------------------
keys q
wait_for "q: back to the map, with the progress" '1  Objective, loss and cost +7/10 pages, 2/3 right'
keys q
wait_exit "q on the map quits with 0" 0
if grep -q '"objective"' "$P" 2>/dev/null; then ok; else bad "the progress file has the chapter"; fi

# --- descent alone resumes there --------------------------------------------------------
start 80 24 "$ENV DESCENT_LESSONS='$L' '$DESCENT'"
wait_for "descent opens the map where the learner left off" 'you left off in objective, page 7'
keys Enter
wait_for "Enter resumes at that page" 'page 7 of 10'
keys q q
wait_exit "and quits" 0
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective"
wait_for "learn CHAPTER resumes at the page left" 'page 7 of 10'
keys q q
wait_exit "quits" 0
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' --page 2"
wait_for "--page alone: that page of the chapter left" 'Objective, loss and cost  \|  page 2 of 10'
keys q q
wait_exit "quits" 0
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical"
wait_for "another chapter opens at its first unseen page" 'page 1 of 12'
keys q
wait_for "the map after it" 'Critical points: minima, maxima, saddles +1/12 pages, 0/3 right'
keys q
wait_exit "quits" 0

# --- a quiz with one right answer takes one answer -----------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 7 --progress '$tmp/radio.json'"
wait_for "the Hessian quiz" '\( \) 3\) a saddle point'
keys Down Down Down Enter
wait_for "choice 4 is wrong, and says why" 'Not quite\. The test is silent only when an eigenvalue is 0'
keys Up ' '
wait_for "space picks choice 3" '\(\*\) 3\) a saddle point'
wait_for "and lets go of choice 4" '\( \) 4\) nothing can be said'
keys Enter
wait_for "one answer, the right one" '^ Right'
keys q q
wait_exit "quits" 0

# --- locate and challenge --------------------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 8"
wait_for "the locate page" 'page 8 of 12: Find the saddle'
screen
before=$(grep -o 'The cursor: x [-0-9.e]*' "$tmp/screen")
keys Left
wait_gone "the arrows move the cursor" "$before\$"
keys Enter
wait_for "an answer to locate" 'Not quite|Right|right'
keys n n n
wait_for "the challenge page" 'page 11 of 12'
wait_for "its preset setting" 'Optimizer gd, learning rate 0\.001$'
wait_for "the start and the goal are marked before any attempt" '^S start  G goal$'
keys Enter
wait_for "the preset does not win" '^ Not quite\. After 40 steps it is still .* from the goal'
keys ']'
wait_gone "a new setting clears the verdict" 'Not quite'
wait_for "and shows it" 'Optimizer gd, learning rate 0\.00125$'
keys ']' ']' ']' ']' ']'
wait_for "five more steps of the rate" 'Optimizer gd, learning rate 0\.003815$'
keys Enter
wait_for "gd at 0.0038 meets it" '^ Right\. It ends .* from the goal after 40 steps'
# the explanation at the top of the text's region, the figure under it
# still there; scrolling reaches its last line, and x hides it
wait_for "the explanation from its first line" '^ In 40 steps plain gd ends within 0\.05'
wait_for "the feedback says where it is" 'after 40 steps\. \(the explanation: above\)$'
wait_for "the figure stays, with the goal and the attempt in the legend, once each" '^G goal  \* your attempt  S start  @ end$'
wait_for "the status line: more text below" 'q:map  \(down: more\)$'
keys Down Down Down Down Down Down Down Down Down Down Down Down
wait_for "down scrolls to the explanation's last line" 'always the more reliable one\.$'
wait_for "and the figure has not moved" '^G goal  \* your attempt  S start  @ end$'
wait_gone "no more text below" '\(down: more\)$'
keys x
wait_gone "x hides the explanation" 'always the more reliable one'
wait_for "and says how to see it again" 'after 40 steps\. \(x: the explanation\)$'
keys o ']' ']' ']' ']' ']' ']' ']' ']' ']' ']' ']'
wait_for "o and ] change the setting" 'Optimizer momentum, learning rate 0\.04441'
keys ']'
wait_for "] stops at the page's largest rate" 'Optimizer momentum, learning rate 0\.04441'
keys Enter
wait_for "momentum at 0.0444 diverges: not met" '^ Not quite'
keys q q
wait_exit "quits" 0

# --- the cursor of a plot page reads out -----------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 4"
wait_for "the saddle's page" 'page 4 of 12: A saddle'
keys c
wait_for "c: the cursor at the centre, on the saddle" 'Hessian eigenvalues -2, 2: a critical point, the kind: saddle'
wait_for "its point, f and gradient" '^  x 0  y 0   f 0   grad \(0, 0\)$'
keys Right Right Up
wait_for "the arrows move it" '^  x 0\.2  y 0\.2   f 0   grad \(0\.4, -0\.4\)$'
wait_for "off the point, the shape" 'Hessian eigenvalues -2, 2: saddle-shaped'
keys c n
wait_for "c again and n: the next page" 'page 5 of 12'
keys q q
wait_exit "quits" 0
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 3"
wait_for "a 1D plot page" 'page 3 of 10'
keys c
wait_for "a 1D readout, in the page's names: w and J" "^  w [-0-9.e]+   J [-0-9.e]+   J' [-0-9.e]+   J'' [-0-9.e]+$"
wait_for "a parabola curves up" 'curving up \(convex here\)'
keys q q

# --- a click moves the locate cursor -----------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 8"
wait_for "the locate page again" 'The cursor: x '
screen
before=$(grep -o 'The cursor: x [-0-9.e]*, y [-0-9.e]*' "$tmp/screen")
row=$(grep -n '^ *-\?[0-9.]*+' "$tmp/screen" | head -n 1 | cut -d: -f1)  # the plot's top row
tm send-keys -t t -l "$(printf '\033[<0;20;%dM' "$((row + 2))")"
wait_gone "a click moves the cursor" "$before\$"
keys q q

# --- the cursor comes back to 0, not to rounding noise ----------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 8"
wait_for "the locate page, its cursor at the centre" 'The cursor: x 0, y 0$'
keys Up Up Up Left
wait_for "three steps of 0.2 up, one of 0.125 left" 'The cursor: x -0\.125, y 0\.6$'
keys Down Down Down Right
# 0.2 + 0.2 + 0.2 - 0.2 - 0.2 - 0.2 is 5.6e-17 in floating point
wait_for "and back: 0, not rounding noise" 'The cursor: x 0, y 0$'
keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Right Right Right Right Right Right Right \
	Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right
wait_for "the cursor stops at the region's edge" 'The cursor: x 2\.5, y 2$'
keys q q
wait_exit "quits" 0

# --- the explanation of a page without a question ------------------------------------------
mkdir -p "$tmp/les"
sed 's/^      "title": "What are we minimizing?",$/&\n      "explain": "EXPLAINED-AFTER-THE-BODY",/' \
	"$L/01-objective.json" >"$tmp/les/01-objective.json"
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/les' objective --page 1"
wait_for "a text page shows its explanation after the body" 'EXPLAINED-AFTER-THE-BODY'
keys q q

# --- a note: its remark in a box under the body, the same box as in plain text -------------------
mkdir -p "$tmp/notes"
cat >"$tmp/notes/notes.json" <<'JSON'
{ "id": "notes", "title": "Notes", "order": 1, "summary": "A note.",
  "pages": [ { "kind": "note", "title": "Saddles", "body": "BODY-OF-THE-NOTE.",
               "label": "Key idea", "remark": "A saddle is a critical point too: the gradient is zero there, and it is neither a minimum nor a maximum." } ] }
JSON
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/notes' notes"
wait_for "a note page shows its body" '^ BODY-OF-THE-NOTE\.$'
wait_for "a note's box, its label in the top border" '^ [+┌][-─] Key idea [-─]+[+┐]$'
wait_for "a note's remark inside the box" '^ [|│] A saddle is a critical point too: the gradient is zero there, and it is +[|│]$'
screen
top=$(grep -n 'Key idea' "$tmp/screen" | cut -d: -f1)
# its width in characters, less the margin and the newline
width=$(($(sed -n "${top}p" "$tmp/screen" | sed 's/ *$//' | LC_ALL=C.UTF-8 wc -m) - 2))
# the full screen's box is the one of learn --plain at its width
env $U8 "$DESCENT" learn --lessons-only "$tmp/notes" notes --plain --width "$width" \
	--progress "$tmp/p-notes.json" </dev/null | sed -n '/Key idea/,/^[+└]/p' | sed 's/^/ /' >"$tmp/plain-box"
sed -n "${top},\$p" "$tmp/screen" | sed 's/ *$//' | head -n "$(wc -l <"$tmp/plain-box")" >"$tmp/screen-box"
if [ -s "$tmp/plain-box" ] && cmp -s "$tmp/plain-box" "$tmp/screen-box"; then
	ok
else
	bad "a note's box is the same on the full screen and in learn --plain"
	diff "$tmp/plain-box" "$tmp/screen-box" | head -n 10
fi
keys q q

# --- a title with an escape sequence is shown escaped, not sent to the terminal ------------------
mkdir -p "$tmp/evil"
printf '{ "id": "evil", "title": "T \\u001b]0;PWNED\\u0007 end", "order": 1, "summary": "s",\n  "pages": [ { "kind": "text", "title": "P \\u001b[2J \\u009b6n", "body": "b" } ] }\n' \
	>"$tmp/evil/evil.json"
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/evil' evil"
wait_for "a chapter's and a page's titles are shown escaped" '^T \^\[\]0;PWNED\^G end  \|  page 1 of 1: P \^\[\[2J <U\+009B>6n'
keys q q

# --- a long course: the map scrolls, cuts with an ellipsis, names broken files --------------
mkdir -p "$tmp/many"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	title="Chapter $i"
	summary="Summary $i."
	[ $i = 3 ] && title="Chapter 3 has a title too long for the map at eighty columns, CUT-HERE"
	[ $i = 4 ] && summary="A summary that goes on over more than two rows of the map at eighty \
columns, so that the map has to cut it and says so with an ellipsis at the end of its second \
row, and never shows this: CUT-HERE."
	printf '{ "id": "c%d", "title": "%s", "order": %d, "summary": "%s",\n' "$i" "$title" "$i" "$summary" \
		>"$tmp/many/c$i.json"
	printf '  "pages": [ { "kind": "text", "title": "T", "body": "Page of %d." } ] }\n' "$i" \
		>>"$tmp/many/c$i.json"
done
printf '{ "id": "broken", "title": \n' >"$tmp/many/zz-broken.json"
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/many' 2>'$tmp/err'"
wait_for "the long course's map" ' 1  Chapter 1 '
wait_for "the map says that more chapters lie below" '\(6 more below\)'
wait_for "a cut title ends in an ellipsis" 'Chapter 3 has a title too long for the map a… +new'
wait_for "a course without the chapter left off does not offer it" 'up/down: choose  Enter: open the chapter'

wait_for "a cut summary ends in an ellipsis" '…$'
wait_gone "what is cut is not shown" 'CUT-HERE'
wait_for "the map says a file is broken" '1 lesson file is broken and left out: descent lessons --check says why'
keys j j j j j j j j j j j
wait_for "the cursor scrolls the map down to the last chapter" '12  Chapter 12 '
wait_for "the map says that chapters lie above" '\([0-9]+ more above\)'
wait_gone "nothing lies below the last" 'more below'
keys Enter
wait_for "Enter opens the chapter under the cursor" 'Page of 12\.'
keys q
for k in 1 2 3 4 5 6 7 8 9 10 11; do keys k; done
wait_for "and back up to the first" ' 1  Chapter 1 '
wait_gone "nothing lies above the first" 'more above'
# clicks: one selects a chapter, Enter opens it; two open it at once
# (a press and its release, as a terminal sends them)
click() {
	tm send-keys -t t -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"
	tm send-keys -t t -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"
}
settle                  # every k read: the cursor is on the first chapter
row=$(grep -n ' 2  Chapter 2 ' "$tmp/screen" | head -n 1 | cut -d: -f1)
click 10 "$row"
keys Enter
wait_for "a click selects a chapter, Enter opens it" 'Page of 2\.'
keys q
wait_for "back on the map" ' 3  Chapter 3 '
row=$(grep -n ' 3  Chapter 3 ' "$tmp/screen" | head -n 1 | cut -d: -f1)
click 10 "$((row + 1))"
click 10 "$((row + 1))"
wait_for "a second click on the summary opens it" 'Page of 3\.'
keys q
keys q
wait_exit "q quits the long course" 0

# --- past the last page: the next chapter -----------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 10 --progress '$tmp/end.json'"
wait_for "the last page of the first chapter" 'page 10 of 10'
keys n
wait_for "n past the last page says so" 'The end of the chapter\. n again: the next one, Critical points'
keys n
wait_for "n again opens the next chapter; its title gives way to the page's, whole" \
	'^Critical points: minima, maxima, sadd…  \|  page 1 of 12: Where the slope is zero$'
keys p
wait_for "p on its first page stays" 'page 1 of 12'
keys q
wait_for "the map has the cursor on it" 'Enter: open \(you left off in critical-points, page 1\)'
keys 2 Enter
wait_for "the chapter again" 'page 1 of 12'
for k in 1 2 3 4 5 6 7 8 9 10 11; do keys n; done
wait_for "its last page" 'page 12 of 12'
keys n
wait_for "past the last chapter's last page" 'and of the course\. q: the map\.'
keys n
wait_for "n stays there" 'page 12 of 12'
keys q q
wait_exit "q q quits at the end" 0

# --- an interactive descent page: the learner's rates and start --------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 8 --progress '$tmp/play.json'"
wait_for "the interactive page says what the learner may change" \
	'^  Yours to try \(all runs\): \[ \] lr; Tab: one run; click \(or c, Enter\): start$'
keys '>'
wait_for "a setting the page does not offer says so" 'This page keeps its noise as it is\.'
keys '?'
wait_for "the keys over the page" 'Keys of the page reader'
wait_for "leave its title row whole" '^Objective, loss and cost  \|  page 8 of 10: Too long a step$'
keys x
wait_gone "the keys closed" 'Keys of the page reader'
keys Tab
wait_gone "a page that asks nothing: a message lasts one key" 'This page keeps its noise'
wait_for "Tab: one run, its rate shown" '^  Yours to try \(run gd,lr=0\.2\): \[ \] lr 0\.2; Tab: the next run;'
wait_for "and marked" '^> gd,lr=0\.2: step 0,'
keys ']'
wait_for "] doubles its rate alone" '^> gd,lr=0\.4: step 0,'
wait_for "the other keeps its own" '^  gd,lr=0\.17: step 0,'
keys '[' Tab Tab
wait_for "Tab past the last run: all runs again" 'Yours to try \(all runs\)'
wait_gone "no run marked" '^> '
wait_for "back at the page's rates" '^  gd,lr=0\.2: step 0,'
keys '['
wait_for "[ halves every rate, and the legend and rows say so" '^  gd,lr=0\.085: step 0, at \(-2\.5, 0\.5\), f = 30'
wait_for "the other run too" '^  gd,lr=0\.1: step 0,'
keys ']' ']'
wait_for "] doubles them" '^  gd,lr=0\.4: step 0,'
keys '['
wait_for "back at the page's rates" '^  gd,lr=0\.2: step 0, at \(-2\.5, 0\.5\)'
row=$(grep -n '^ *-\?[0-9.]*+' "$tmp/screen" | head -n 1 | cut -d: -f1)  # the plot's top row
click 60 "$((row + 2))"
wait_gone "a click on the plot moves the start" 'gd,lr=0\.2: step 0, at \(-2\.5, 0\.5\)'
keys c
wait_for "c: the cursor, in the page's names" '^  w0 [-0-9.e]+  w1 [-0-9.e]+   J '
keys Left Left Enter
# (the cursor starts at the region's centre, (0, 2), and each Left is 6/40)
wait_for "Enter starts the runs at the cursor" '^  gd,lr=0\.2: step 0, at \(-0\.3, 2\)'
keys s
wait_for "and they step from there" '^  gd,lr=0\.2: step 1, at'
keys q q
wait_exit "q q quits the interactive page" 0

# --- a descent plays at its page's pace; + and - change it ----------------------------------
# --- a chord the learner moves ----------------------------------------------------------
mkdir -p "$tmp/chord"
cat >"$tmp/chord/chord.json" <<'EOF'
{ "id": "chord", "title": "Chord", "order": 1, "summary": "A chord to move.",
  "pages": [ { "kind": "plot", "body": "Move the chord.", "function": "x^4 - 4*x^2 + x",
    "x": [-2, 2], "chord": [-1, 1], "controls": ["chord"] } ] }
EOF
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/chord' chord --progress '$tmp/chord.json'"
wait_for "the chord's verdict" '^ A = -1, B = 1: the curve rises above the chord, by 3 at x = 0: not'
wait_for "its keys" '^\[ \]:A \{ \}:B c:cursor'
keys '[' '[' '[' '[' '[' '[' '[' '['
wait_for "[ moves A left by a 40th of the region" '^ A = -1\.8, B = 1:'
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	keys '{'
done
wait_for "B stops right of A" 'B stays right of A\.'
wait_for "just right of it" '^ A = -1\.8, B = -1\.7:'
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 \
	31 32 33 34 35; do
	keys '}'
done
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27; do
	keys ']'
done
wait_for "A and B over the right valley" '^ A = 0\.9, B = 1\.8:'
wait_for "a chord over the right valley stays above the curve" 'the chord stays on or above the curve\.$'
keys q q

# --- a challenge of one optimizer does not offer to choose one -----------------------------
mkdir -p "$tmp/one"
cat >"$tmp/one/one.json" <<'EOF'
{ "id": "one", "title": "One", "order": 1, "summary": "gd alone.",
  "pages": [ { "kind": "challenge", "function": "x^2", "x": [-2, 2], "start": [1.5],
    "optimizers": ["gd"], "lr": [0.001, 0.5], "preset": { "optimizer": "gd", "lr": 0.001 },
    "goal": { "point": [0], "within": 0.05, "steps": 50 } } ] }
EOF
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/one' one --progress '$tmp/one.json'"
wait_for "the challenge" '^\[ \]:rate Enter:try h:hint n/p:page q:map'
wait_gone "no o:optimizer with one optimizer" 'o:optimizer'
keys o
wait_for "o says why" 'This challenge allows gd only\.'
keys q q

mkdir -p "$tmp/pace"
cat >"$tmp/pace/pace.json" <<'EOF'
{ "id": "pace", "title": "Slowly", "order": 1, "summary": "Two steps a second.",
  "pages": [ { "kind": "descent", "title": "Slow", "body": "Slow.", "function": "x^2",
    "x": [-2, 2], "start": [1.5], "steps": 100, "pace": 2,
    "runs": [ { "optimizer": "gd", "lr": 0.01 } ] } ] }
EOF
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/pace' pace --progress '$tmp/pace.json'"
wait_for "the slow page" 'gd,lr=0\.01: step 0,'
keys ' '
sleep 1.5
screen
# two steps a second, never faster: at most 3 steps in 1.5 s
if grep -Eq '^  gd,lr=0\.01: step [0-3],' "$tmp/screen"; then ok; else
	bad "the page's pace of 2 steps a second: $(grep 'gd,lr' "$tmp/screen")"; fi
keys -
wait_for "- halves the pace, and the status line says it" '\+-:speed 1/s c:cursor'
keys + + + +
wait_for "+ doubles it" '\+-:speed 16/s c:cursor'
keys q q
wait_exit "quits" 0
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 6 --progress '$tmp/pace6.json'"
wait_for "the slow escape" 'page 6 of 12'
keys +
wait_for "its pace plays its 300 steps in 10 s: 30 a second, and + makes it 60" \
	'\+-:speed 60/s c:cursor'
keys q q
wait_exit "quits" 0

# --- l: a descent page's loss curve ----------------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 7 --progress '$tmp/loss.json'"
wait_for "the crawl" 'gd,lr=0\.1: step 0,'
keys l s s s
wait_for "l: the loss curve under the figure, keyed by the run" '^\* gd,lr=0\.1($|  \()'
wait_for "against the step, on an axis to 10" '^ +0 +5 +10$'
keys l
wait_gone "l again hides it" '^\* gd,lr=0\.1($|  \()'
keys q q
wait_exit "quits" 0

# --- N steps a course page's runs back ----------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 7 --progress '$tmp/back.json'"
wait_for "the crawl" 'gd,lr=0\.1: step 0,'
keys s s s
wait_for "three steps" 'gd,lr=0\.1: step 3,'
keys N
wait_for "N: back to step 2" 'gd,lr=0\.1: step 2,'
keys q q
wait_exit "quits" 0

# --- a run's outcome says what it converged to ---------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 5 --progress '$tmp/saddle.json'"
wait_for "the run that starts on the axis" 'page 5 of 12'
keys + + + + ' '
wait_for "it converges, to a saddle point, in the words of learn --plain and run" \
	'^  gd,lr=0\.1: converged at step 67 to a saddle point, at'
keys q q
wait_exit "quits" 0

# --- the noise as a control: a page that offers it ---------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 6 --progress '$tmp/noise.json'"
wait_for "the page offers the noise, with its value" '^  Yours to try: < > noise 0\.01$'
keys '<'
wait_for "< halves it, to a round value, and the label says so" '^  gd,noise=0\.005: step 0, at \(1\.5, 0\)'
keys '<' '<' '<' '<' '<' '<' '<'
wait_for "down to no noise at all" '^  Yours to try: < > noise 0$'
wait_for "and no lower" 'The noise is at its smallest\.'
keys ' '
wait_for "with no noise the run stops on the saddle" '^  gd,noise=0: converged at step [0-9]+ to a saddle point'
keys q q
wait_exit "quits" 0

# --- a formula page: typed, checked, a parse error with its caret --------------------------
FL="$srcdir/tests/lessons"
case $FL in /*) ;; *) FL=$(pwd)/$FL ;; esac
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$FL' formulas --progress '$tmp/formula.json'"
wait_for "the formula page" 'page 1 of 3: The slope of a double well'
wait_for "the answer line takes the keys" '^  Your answer: _$'
keys '2*x +' Enter
wait_for "a parse error, as it is (its '*' is no emphasis)" \
	"^ That is not a formula: expected a number, a name or '\\(' after '\\+'\\.$"
wait_for "a caret under its column" '^                    \^$'
keys BSpace BSpace BSpace BSpace BSpace
wait_gone "typing clears the error" 'That is not a formula'
keys '4x^3-16' Enter
wait_for "an expected wrong answer says what it reveals" \
	'^ Not quite\. The derivative of −8x² is −16x: the power comes down and x stays\.$'
keys Escape h
wait_for "Esc: the page's keys, h a hint" '^ Hint: Term by term'
wait_for "and the status line says how to type again" '^i:type the answer h:hint n/p:page q:map'
keys i BSpace BSpace '16x' Enter
wait_for "n and h are letters of the formula while typing; 4x^3-16x is right" \
	'^ Right\. +\(the explanation: above\)$'
wait_for "the explanation above the figure" '^ f′\(x\) = 4x³ − 16x, or 4x\(x² − 4\)'
wait_for "a right answer gives the page's keys back" '^i:type the answer h:hint n/p:page q:map'
keys n
wait_for "n: the next page, without Esc" 'page 2 of 3: One component of a gradient'
keys 'x' Enter
wait_for "a counterexample for an unexpected wrong answer" \
	"^ Not quite\\. At x = 1, y = -1 yours gives 1; the gradient's y component is 3\\.$"
keys BSpace
wait_gone "editing the answer clears the last verdict" '^ Not quite\.'
keys '3x' Enter
wait_for "3x is right" '^ Right\.$'
keys PgDn 'w - 2*beta' Enter
wait_for "an error too long for a row wraps onto a second" \
	"^ That is not a formula: unknown variable 'beta': the variables are w, eta, lr$"
wait_for "its second row" '^ and alpha\.$'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
keys 'w - 2*lr*(w-3)' Enter
wait_for "PgDn turns the page; another spelling of a variable is right" '^ Right\.$'
keys Escape q q
wait_exit "quits" 0

# a challenge's own settings, beside the optimizer's name
mkdir -p "$tmp/ball"
cat >"$tmp/ball/ball.json" <<'EOF'
{ "id": "ball", "title": "Ball", "order": 1, "summary": "S.",
  "pages": [
    { "kind": "challenge", "function": "x^2 + 25*y^2", "x": [-3, 3], "y": [-3, 3],
      "start": [2.5, 1], "optimizers": ["gd", "momentum"], "lr": [0.001, 0.08],
      "params": { "beta": 0.5 }, "goal": { "point": [0, 0], "within": 0.01, "steps": 60 } } ] }
EOF
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$tmp/ball' ball --progress '$tmp/ball.json'"
wait_for "gd has no beta: none shown" '^  Optimizer gd, learning rate 0\.001$'
keys o
wait_for "momentum, with the page's beta" '^  Optimizer momentum \(beta 0\.5\), learning rate 0\.001$'
keys q q
wait_exit "quits" 0

# --- a diverging run stays in the plot -----------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 8 --progress '$tmp/div.json'"
wait_for "the race of two rates" 'Yours to try \(all runs\): \[ \] lr; Tab: one run'
settle
cap=$(row_of '^J\(w0, w1\) = mse')
axis=$(row_of '^  \+-+\+')
keys ' '
wait_for "the run at 0.2 diverges, and its row says it left the view" \
	'^  gd,lr=0\.2: diverged at step 39 \(left the view at step 1\): '
wait_for "the other converges, its row on two rows" '^  0\.0555556$'
if [ -n "$cap" ] && [ -n "$axis" ] && [ "$(row_of '^J\(w0, w1\) = mse')" = "$cap" ] &&
   [ "$(row_of '^  \+-+\+')" = "$axis" ]; then ok; else
	bad "the runs' rows grew when they ended, and the figure moved (axis at $(row_of '^  \+-+\+'), not $axis)"; fi
# its trail once painted over the caption and the x labels
wait_for "the caption is whole" '^J\(w0, w1\) = mse of w0 \+ w1\*x over 3 points$'
wait_for "the x labels are clean" '^ +-2 +0 +2$'
wait_for "the legend says what the arrow means" '@ end  . left view$'
keys q q
wait_exit "quits" 0

# --- a click picks a quiz's choice ------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 4 --progress '$tmp/click.json'"
wait_for "the quiz again" '\( \) 1\) '
row=$(grep -n '( ) 1) ' "$tmp/screen" | head -n 1 | cut -d: -f1)
click 12 "$row"
wait_for "a click on a choice picks it" '\(\*\) 1\) '
keys Enter
wait_for "and Enter answers" '^ Right'
keys q q
wait_exit "q q quits after the click" 0

if grep -q 'zz-broken.json is broken and left out' "$tmp/err"; then ok; else
	bad "after the screen, stderr names the broken file"; fi
start 80 24 "LANG=C LC_ALL=C XDG_STATE_HOME='$tmp/st2' '$DESCENT' learn --lessons-only '$tmp/many' 2>/dev/null"
wait_for "LANG=C: a cut title ends in three dots" 'Chapter 3 has a title too long for the map\.\.\. +new'
if LC_ALL=C grep -q '[^ -~]' "$tmp/screen"; then bad "LANG=C: the map is ASCII only"; else ok; fi
keys q

# --- SIGHUP: the progress is saved and the process gone ------------------------------------
rm -rf "$ST"
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 3"
wait_for "before SIGHUP" 'page 3 of 12'
pid=$(pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1)
if [ -n "$pid" ]; then
	kill -s HUP "$pid"
	wait_exit "SIGHUP ends it" 129
	if kill -0 "$pid" 2>/dev/null; then bad "SIGHUP: the process is gone"; else ok; fi
	restored "SIGHUP"
	if grep -q '"critical-points"' "$P" 2>/dev/null; then ok; else bad "SIGHUP: the progress was saved"; fi
else
	bad "SIGHUP: no process"
fi

# --- Ctrl-\ (SIGQUIT): as SIGTERM, the progress saved and the terminal restored ------------
rm -rf "$ST"
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 3"
wait_for "before Ctrl-\\" 'page 3 of 12'
keys n
wait_for "a page on" 'page 4 of 12'
keys 'C-\'
wait_exit "Ctrl-\\ ends it as SIGQUIT" 131
restored "Ctrl-\\"
if grep -Eq '"last": *\{ *"chapter": *"critical-points", *"page": *3 *\}' "$P" 2>/dev/null; then
	ok
else
	bad "Ctrl-\\: the progress was saved, at page 4: $(cat "$P" 2>/dev/null)"
fi

# --- SIGABRT, SIGSEGV: the terminal restored, the signal's own end, the progress whole -------
ulimit -c 0 2>/dev/null         # the default action, without a core file
for sig in ABRT SEGV; do
	rm -rf "$ST"
	start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' critical --page 3"
	wait_for "before SIG$sig" 'page 3 of 12'
	pid=$(pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1)
	case $sig in ABRT) code=134 ;; SEGV) code=$segv_code ;; esac
	if [ -n "$pid" ]; then
		kill -s "$sig" "$pid"
		wait_exit "SIG$sig ends it by the signal" "$code"
		restored "SIG$sig"
		# descent reads it back without a warning (it moves a corrupted one aside)
		rm -f "$tmp/check.json" "$tmp/check.err"
		[ ! -e "$P" ] || cp "$P" "$tmp/check.json"
		"$DESCENT" learn --lessons-only "$L" --progress "$tmp/check.json" objective --page 10 \
			</dev/null >/dev/null 2>"$tmp/check.err"
		if [ ! -s "$tmp/check.err" ]; then ok; else
			bad "SIG$sig: the progress file reads back: $(cat "$tmp/check.err") $(cat "$P")"; fi
	else
		bad "SIG$sig: no process"
	fi
done

# --- the terminal --------------------------------------------------------------------------
start 60 20 "$ENV '$DESCENT' learn --lessons-only '$L'"
wait_for "60x20: too small, in one line" 'needs 70x20 at least; this terminal is 60x20'
tm resize-window -t t -x 80 -y 24 >/dev/null 2>&1
wait_for "a resize redraws the map" 'descent: the course'
keys q
wait_exit "quits after a resize" 0

start 70 20 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 7"
wait_for "70x20, the smallest: a descent page" 'page 7 of 10'
wait_for "its status line whole" 'q:map  \(down: more\)$'
keys '?'
wait_for "the keys fit: the last one" '│ q: back to the course map   w: the figure in words, or not +│( |$)'
wait_for "and the common one" '\?: these keys \(any key closes them\)'
# a whole frame: corners, and a side on both ends of every row inside
wait_for "the frame's top" '^ +┌─+┐( |$)'
wait_for "its bottom" '^ +└─+┘( |$)'
wait_count "every row of keys between two sides" '^.? +│ .* │( |$)' 16
keys x q
wait_for "the map at 70x20, its status line whole" '\?:keys q:quit$'
keys '?'
wait_for "the map's keys" 'q: quit \(your progress is saved as you go\)'
keys x q
wait_exit "q q quits at 70x20" 0

start 200 60 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 5"
wait_for "200x60" 'page 5 of 10'
screen
if [ "$(awk 'length > 150' "$tmp/screen" | wc -l)" -gt 10 ]; then ok; else bad "200x60 uses the room"; fi
# but the text keeps to 100 columns, which read well (counted in characters)
widest=0
for w in $(grep -E '^ [A-Za-z(]' "$tmp/screen" | while IFS= read -r line; do
		printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m; done); do
	[ "$w" -gt "$widest" ] && widest=$w
done
if [ "$widest" -ge 90 ] && [ "$widest" -le 101 ]; then ok; else
	bad "200x60: the text's lines are 90 to 100 columns wide, not $widest"; fi
keys q q

start 80 24 "LANG=C LC_ALL=C NO_COLOR=1 XDG_STATE_HOME='$ST' '$DESCENT' learn --lessons-only '$L' objective --page 5"
wait_for "LANG=C NO_COLOR" 'page 5 of 10'
if LC_ALL=C grep -q '[^ -~]' "$tmp/screen"; then bad "LANG=C: ASCII only"; else ok; fi
keys q q

start 80 24 "$ENV DESCENT_LESSONS='$L' '$DESCENT' --ascii"
wait_for "descent --ascii: the map" 'descent: the course'
keys 1 Enter
wait_for "a page of the chapter" 'page [0-9]+ of 10'
if LC_ALL=C grep -q '[^ -~]' "$tmp/screen"; then bad "--ascii in a UTF-8 locale: ASCII only"; else ok; fi
keys q q
wait_exit "q q quits --ascii" 0

start 80 24 "$ENV TERM=no-such-term '$DESCENT' learn --lessons-only '$L' objective --page 10"
wait_for "an unknown TERM: the plain text instead" '^== Page 10 of 10: '
wait_exit "which ends after the chapter" 0

start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' --plain objective --page 10"
wait_for "--plain on a terminal: plain text" '^== Page 10 of 10: '
wait_exit "--plain ends after the chapter" 0

# --- room for the figure: a stable layout --------------------------------------------------
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 3 --progress '$tmp/room.json'"
wait_for "a plot page with more text than its region" '^J\(w\) = mse of w\*x over 3 points$'
settle
cap=$(row_of '^J\(w\) = mse')
leg=$(row_of '^o min  \+ tangent at w = 1$')
if [ -n "$cap" ] && [ -n "$leg" ] && [ $((leg - cap)) -ge 11 ]; then ok; else
	bad "the figure has 12 rows at least at 80x24 (caption at row $cap, legend at $leg)"; fi
if [ "$leg" = 23 ]; then ok; else bad "the figure ends at the status line (its legend at row $leg)"; fi
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down
wait_for "down scrolls the text to its end" '^ w\.$'
settle
if [ "$(row_of '^J\(w\) = mse')" = "$cap" ] && [ "$(row_of '^o min  \+ tangent')" = "$leg" ]; then ok; else
	bad "scrolling moves the figure: caption at row $(row_of '^J\(w\) = mse'), not $cap"; fi
if [ "$(row_of '^ w\.$')" = $((cap - 1)) ]; then ok; else
	bad "the text's last line ends its region, right above the figure"; fi
wait_gone "at the end, no more below" '\(down: more\)$'
keys Up
wait_for "up scrolls back" '\(down: more\)$'
keys q q
wait_exit "quits" 0

# the explanation of a numeric page without a body: above the figure, which stays
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 6 --progress '$tmp/room.json'"
wait_for "the numeric page" 'Your answer: _'
keys 0 . 0 5 6 Enter
wait_for "a right answer" '^ Right\. +\(the explanation: above\)$'
wait_for "its explanation at the top" '^ The errors are 11/6'
wait_for "the figure is still there" '^J\(w0, w1\) = mse of w0 \+ w1\*x over 3 points$'
keys q q
wait_exit "quits" 0

# a page without a figure: the question right under the text, the
# explanation right under the feedback
start 80 24 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 4 --progress '$tmp/room.json'"
wait_for "the quiz" 'page 4 of 10: Loss or cost'
if [ "$(row_of '^  \( \) 1\) ')" = 5 ]; then ok; else
	bad "the choices follow the question (the first at row $(row_of '^  \( \) 1\) '), not 5)"; fi
keys 1 Enter
wait_for "a right answer, without a figure: no 'above'" '^ Right\.$'
wait_for "the explanation under it" '^ A loss scores a single prediction'
if [ "$(row_of '^ A loss scores')" = $(( $(row_of '^ Right\.$') + 1 )) ]; then ok; else
	bad "the explanation follows the feedback"; fi
keys q q
wait_exit "quits" 0

# 200x60: the loss curve beside the plot of a descent page, l hides it
start 200 60 "$ENV '$DESCENT' learn --lessons-only '$L' objective --page 8 --progress '$tmp/room.json'"
wait_for "a descent page at 200x60" 'page 8 of 10'
keys ' '
wait_for "the race ends" 'gd,lr=0\.17: converged at step'
wait_for "the loss curve beside the plot: its legend on the row of the plot's" \
	'^\* gd,lr=0\.2  & gd,lr=0\.17  S start  @ end  ↑ left view +\* gd,lr=0\.2  & gd,lr=0\.17  \(log scale\)$'
keys l
wait_gone "l hides it" '\(log scale\)'
wait_for "and the plot takes the width" '^  \+-+\+-+\+-+\+-+$'
keys l
wait_for "l shows it again" '\(log scale\)$'
keys q q
wait_exit "quits" 0

# --- --plain and pipes keep the text mode -------------------------------------------------------
if "$DESCENT" learn --lessons-only "$L" objective --progress "$tmp/p2.json" </dev/null | grep -q '^== Page 1 of 10'; then
	ok
else
	bad "learn without a terminal prints the text"
fi

# --- asterisks: a pair is *emphasis*, a lone one (beta*, lr*g, a fence's) is text ----------
cat >"$tmp/stars.json" <<'STARS'
{ "id": "stars", "title": "Stars", "order": 1, "format": 1, "summary": "Asterisks.",
  "pages": [ { "kind": "text", "title": "Stars", "body": [
    "The *best* pair α* and β* here; lr*g is a product, and (1-b)*g too.", "",
    "```", "w -= lr*g*2", "```", "", "A `code*x*` span and *two words* end."] } ] }
STARS
start 80 24 "$ENV '$DESCENT' learn --progress '$tmp/stars-p.json' '$tmp/stars.json'"
wait_for "a pair's markers go, lone asterisks stay" \
	'^ The best pair α\* and β\* here; lr\*g is a product, and \(1-b\)\*g too\.$'
wait_for "a fenced formula keeps its asterisks" '^   w -= lr\*g\*2$'
wait_for "code keeps them; the phrase's go" '^ A code\*x\* span and two words end\.$'
keys q q
wait_exit "quits" 0

# --- w: the figure in words; on a page that asks, without the analysis ----------
cat >"$tmp/words.json" <<'WORDS'
{ "id": "words", "title": "Words", "order": 1, "format": 1, "summary": "A figure in words.",
  "pages": [
    { "kind": "plot", "title": "Two wells", "function": "x^4 - 8*x^2 + 5", "x": [-3, 3],
      "body": "Two wells." },
    { "kind": "locate", "title": "The saddle", "function": "x^3 - 3*x + y^2",
      "x": [-2.5, 2.5], "y": [-2, 2], "target": "saddle",
      "question": "Put the cursor on the saddle point." },
    { "kind": "text", "title": "No figure", "body": "Only words here." } ] }
WORDS
start 80 24 "$ENV '$DESCENT' learn --progress '$tmp/words-p.json' '$tmp/words.json'"
wait_for "a plot page" '^ Two wells\.$'
keys w
wait_for "w: the figure in words, in the text's region" '^ The figure in words \(w: the page.s text\)$'
wait_for "the way the curve goes, from the analysis" 'falls to a minimum at x = -2 \(f = -11\)'
wait_for "the figure stays under the words" '^f\(x\) = x\^4 - 8\*x\^2 \+ 5'
keys j j j j
wait_for "the words scroll" 'There are 3 critical points in view: 2 minima'
keys w
wait_for "w again: the page's text" '^ Two wells\.$'
wait_gone "the words gone" 'The figure in words'
keys n
wait_for "a locate page" 'Put the cursor on the saddle point'
keys w
wait_for "its figure in words too" '^ The figure in words'
keys j j j j j j
wait_for "without the analysis, which would answer it" 'The critical points and the values of f are left out here'
wait_gone "no critical point named" 'saddle point, at|minimum, at'
keys w n
wait_for "a page without a figure" '^ Only words here\.$'
keys w
wait_for "w says there is nothing to put in words" 'no figure that w can put in words'
keys q q
wait_exit "quits" 0

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
