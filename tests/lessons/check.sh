#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The course proves itself: every chapter of lessons/ must load without a
# problem and every claim its pages make must hold (descent lessons
# --check), so the course can never state a wrong number.  The frozen copy
# of the first chapters that the UI tests read (tests/course), the
# tutorial's chapter of descent-lessons(5) (lessons/examples), the map
# pages of the UI tests (tests/lessons/maps), a page of a recorded run
# (tests/lessons/records) and a page of runs with settings of their own
# (tests/lessons/runs) and the network pages (tests/lessons/networks) must
# stay true as well, and each must check the same
# under every kernel set of the expression engine.
set -u
srcdir=${top_srcdir:-.}
DESCENT=${DESCENT:-src/descent}
pass=0 fail=0
for dir in lessons tests/course lessons/examples tests/lessons/maps tests/lessons/records \
	tests/lessons/runs tests/lessons/networks; do
	out=$("$DESCENT" lessons --check --lessons-only "$srcdir/$dir" 2>&1)
	status=$?
	echo "$dir: $out"
	case $out in
	*"all proved"*) ;;
	*) status=1 ;;
	esac
	# a translation (DIR/LANG/) that no longer matches its original
	case $out in
	*"the original"*) status=1 ;;
	esac
	if [ $status -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	# the same proofs, to the same words, under every kernel set this CPU
	# runs (DESCENT_KERNELS): no claim may hang on the last digits of a
	# sine, whose vector forms differ between sets
	for k in avx512f avx2 sse2 libm generic; do
		DESCENT_KERNELS=$k "$DESCENT" eval 1 >/dev/null 2>&1 || continue
		other=$(DESCENT_KERNELS=$k "$DESCENT" lessons --check --lessons-only "$srcdir/$dir" 2>&1)
		if [ "$other" = "$out" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $dir under DESCENT_KERNELS=$k: $other"
		fi
	done
done
echo "lessons: $pass passed, $fail failed"
[ $fail -eq 0 ]
