#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the network trainer (descent play --data --model),
# driven in tmux at 80x24: steps that agree with descent run, the
# Hessian's sharpness and index in the panel, playing, the landscape view
# and back, the rate and the optimizer turned, and a clean exit; and
# network pages of the course (tests/lessons/networks): their runs
# trained live to the losses their claims prove, Tab for another run's
# fit, v the landscape on a plane, e the Hessian, a challenge of loss
# with its batch sizes and inits, a classifier's regions, the results
# page and the map's count of pages read; and the same pages in learn
# --plain.
set -u
name=ui-net
. "${top_srcdir:-.}/tests/ui/lib.sh"

U8="LANG=C.UTF-8 LC_ALL=C.UTF-8"
NET="--data sine,n=60 --model mlp:1-8-1 -o adam --seed 3"

start 80 24 "$U8 '$DESCENT' play $NET"
wait_for "the first frame" 'step 0'
wait_for "the network's size" '25 parameters'
wait_for "the examples keyed" '^o an example'
keys n n n
wait_for "three steps" 'step 3'
LC_ALL=C "$DESCENT" run $NET --steps 3 >"$tmp/run" 2>&1
rf=$(sed -n 's/^ *at a point of 25 parameters.*, f = \(.*\)$/\1/p' "$tmp/run")
pf=$(panel_value f)
if close "$pf" "$rf"; then ok; else bad "the panel's f ($pf) disagrees with descent run ($rf)"; fi
wait_for "the Hessian where the run stopped" 'sharpness [0-9.]+'
wait_for "its index" 'index [0-9]+$'
LC_ALL=C "$DESCENT" analyze $NET --steps 3 >"$tmp/an" 2>&1
ra=$(sed -n 's/^ *sharpness (the largest eigenvalue): \(.*\)$/\1/p' "$tmp/an")
pa=$(panel_value sharpness)
if awk -v a="$pa" -v b="$ra" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-3 * b) }'; then
	ok; else bad "the panel's sharpness ($pa) disagrees with descent analyze ($ra)"; fi
keys ' '
wait_for "playing" 'playing, 4 steps a tick'
wait_for "the run goes on" 'step [0-9][0-9][0-9]'
keys ' '
wait_gone "paused" 'playing'
keys v
wait_for "the landscape on a plane" '^contours( \(log\))? at'
wait_for "the run projected on it" '^\* adam  S start  @ end'
keys v
wait_for "back to the fit" '^o an example'
keys ']'
wait_for "a larger rate starts again" 'adam +lr 0.02'
wait_for "from step 0" 'step 0'
keys o
wait_for "the next optimizer" 'newton +lr 1( |$)'
keys '?'
wait_for "the keys" 'Keys of the network trainer'
wait_for "the last key on a line of its own" ' q: quit {20,}'
keys x
keys q
wait_exit "q quits" 0
restored "after q"

# --- a classifier: its classes --------------------------------------------------
start 80 24 "$U8 '$DESCENT' play --data moons,n=40 --model mlp:2-4-1 --loss cross_entropy -o adam"
wait_for "the classes keyed" '^o y = 0  x y = 1'
wait_for "the decision boundary" '^contours at 0'
keys q
wait_exit "q quits" 0

# --- errors before the terminal is taken ------------------------------------------
start 80 24 "$U8 '$DESCENT' play --data moonz --model mlp:2-4-1 2>&1"
wait_for "no such data: one message" 'no file moonz, and no built-in data set of that name'
wait_exit "and the status 1" 1

# --- network pages of a chapter ------------------------------------------------------
L=$(cd "$srcdir/tests/lessons/networks" && pwd)
start 80 24 "$U8 '$DESCENT' learn --lessons-only '$L' networks --progress '$tmp/p.json'"
wait_for "a network page" 'page 1 of 7: Eight tanh units fit a sine'
wait_for "its runs, at their start" '^> adam,lr=0.05: step 0, J = 0.38357, validation 0.499539,'
wait_for "the loss curves keyed, the drawn run's validation loss with them" \
	'^\* adam,lr=0.05  & gd,lr=0.1  \$ val +o an example'
wait_for "the status line" 'space:play \+-:50/s Tab:run v:slice e:Hessian q:map'
keys s s
wait_for "two steps" '^> adam,lr=0.05: step 2, J = '
keys + + + + ' '
wait_for "played to the end, to the loss its claim proves" \
	'^> adam,lr=0.05: stopped at the step limit \(500 steps\), J = 0.01486'
wait_for "with the held-out losses" '^  validation 0.02388[0-9]*, test 0.01076'
wait_for "the other run to its own" '^  gd,lr=0.1: stopped at the step limit \(500 steps\), J = 0.01579'
keys e
wait_for "e: the Hessian where the run ended, its sharpness as the claim proves" \
	'^ The Hessian of adam,lr=0.05 at step 500: sharpness 27.4 \(its largest$'
keys v
wait_for "v: the landscape on a plane" 'contours \(log\) at '
wait_for "the runs projected on it" '^\* adam,lr=0.05  & gd,lr=0.1  \$ val +\* adam,lr=0.05  & gd,lr=0.1$'
wait_for "the status offers the fit back" 'v:fit e:Hessian'
keys v
wait_for "the fit again" 'o an example'
keys Tab
wait_for "Tab: the other run's fit" '^  adam,lr=0.05: stopped'
wait_for "marked" '^> gd,lr=0.1: stopped'
keys r
wait_for "r: the runs start again" '^  adam,lr=0.05: step 0, J = 0.38357'
keys n n n
wait_for "a challenge of loss" 'page 4 of 7: Reach a test loss'
wait_for "its setting: the preset, with a batch size and an init" \
	'^  Optimizer gd, learning rate 0.001, batch 4, init zeros$'
wait_for "its keys" '^o:optimizer \[ \]:rate , \.:batch i:init Enter:try'
wait_for "the model at its start, over the examples" '^o an example$'
keys Enter
wait_for "the preset misses, in the words of learn --plain" \
	'Not quite\. After 300 steps its test loss is still 0\.2876'
wait_for "its loss curve" 'the attempt'
keys o i
i=0
while [ $i -lt 17 ]; do keys ']'; i=$((i + 1)); done
wait_for "adam from Glorot's start, a rate 1.25^17 times the preset's" \
	'^  Optimizer adam, learning rate 0.04441, batch 4, init glorot$'
keys Enter
wait_for "meets the goal" 'Right\. After 300 steps its test loss is 0\.0'
keys n
wait_for "a classifier's page" 'page 5 of 7: A boundary between two moons'
wait_for "its classes keyed" 'o y = 0  x y = 1'
keys n
wait_for "a page that trains too long" 'page 6 of 7: Trained too long'
keys + + + + ' '
wait_for "its validation loss, keyed" '^\* adam,lr=0.05  & validation +o an example'
wait_for "played to the end" '^  adam,lr=0.05: stopped at the step limit \(400 steps\), J = 0.0564'
keys n
wait_for "the results page" 'page 7 of 7: What you did'
wait_for "its table's header" '^ +Chapter +first try challenges met$'
wait_for "the challenge met, no question asked" '^ +1  Network pages +- +1/1$'
wait_for "and the totals" '^ +This chapter +- +1/1$'
keys q
wait_for "q: the course map, how far the learner got" \
	'descent: the course +1 of 1 chapters read, 0 begun; 7/7 pages$'
keys q
wait_exit "q again leaves" 0

LC_ALL=C "$DESCENT" learn --plain --lessons-only "$L" networks --width 80 >"$tmp/plain" 2>&1
check_file() {
	if grep -Eq -- "$2" "$tmp/plain"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $1: no line matching '$2' in learn --plain:"
		sed -n 1,40p "$tmp/plain"; fi
}
check_file "learn --plain: each run where it ends" \
	'^adam,lr=0.05: stopped at the step limit \(500 steps\), J = 0.0148626, validation$'
check_file "the loss curves" '^the training cost J against the step$'
check_file "their legend, in ASCII, with the validation losses" \
	'^\* adam,lr=0.05  & gd,lr=0.1  \$ adam,lr=0.05 val  ~ gd,lr=0.1 val$'
check_file "the curves' title" '^the training cost J and the validation loss against the step$'
check_file "what the first run learned" '^what adam,lr=0.05 learned$'
check_file "equal weights: the run from const:0.5" \
	'^adam,lr=0.05: stopped at the step limit \(300 steps\), J = 0.0451461$'
check_file "and the one from its own seed" '^glorot: stopped at the step limit \(300 steps\), J = 0.0142424$'
if LC_ALL=C awk 'length($0) > 80 || /[^ -~]/ { bad = 1 } END { exit !bad }' "$tmp/plain"; then
	fail=$((fail + 1)); echo "FAIL: learn --plain at --width 80 in ASCII: a line too long or not ASCII"
else
	pass=$((pass + 1))
fi

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
