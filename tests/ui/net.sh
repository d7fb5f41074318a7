#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the network trainer (descent play --data --model),
# driven in tmux at 80x24: steps that agree with descent run, the
# Hessian's sharpness and index in the panel, playing, the landscape view
# and back, the rate and the optimizer turned, and a clean exit.
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

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
