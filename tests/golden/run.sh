#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden plots: runs each case of tests/golden/cases.txt through
# `descent plot` (`descent map` for the names that start with map-; the
# options alone, no expression, for those that start with data-) and
# compares the output exactly with tests/golden/NAME.txt,
# under each kernel set of the expression engine this CPU runs
# (DESCENT_KERNELS): the plots must not depend on the CPU, whose vector
# math can differ in the last digits.  With --update, rewrites the golden
# files instead (make golden-update), with the default set.
set -u
srcdir=${top_srcdir:-.}
DESCENT=${DESCENT:-src/descent}
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sets=default
if [ $update -eq 0 ]; then
	sets=
	for k in avx512f avx2 sse2 libm generic; do
		DESCENT_KERNELS=$k "$DESCENT" eval 1 >/dev/null 2>&1 && sets="$sets $k"
	done
	[ -n "$sets" ] || { echo "golden: no kernel set runs"; exit 1; }
fi
for set in $sets; do
kernels=$set
[ "$set" = default ] && kernels=
while IFS='	' read -r name args; do
	case $name in ''|'#'*) continue ;; esac
	golden="$srcdir/tests/golden/$name.txt"
	# the arguments are split on spaces; the expression is the first
	# field up to the first option
	expr=${args%% --*}
	rest=${args#"$expr"}
	cmd=plot
	case $name in map-*) cmd=map ;; esac
	case $name in
	data-*)
		# a model's plot: no expression, the options alone
		# shellcheck disable=SC2086
		DESCENT_KERNELS=$kernels LC_ALL=C.UTF-8 NO_COLOR=1 "$DESCENT" plot $args \
			--color=never >"$tmp/out" 2>"$tmp/err" ;;
	*)
		# shellcheck disable=SC2086
		DESCENT_KERNELS=$kernels LC_ALL=C.UTF-8 NO_COLOR=1 "$DESCENT" $cmd "$expr" $rest \
			--color=never >"$tmp/out" 2>"$tmp/err" ;;
	esac
	status=$?
	if [ $update -eq 1 ]; then
		if [ $status -eq 0 ]; then
			cp "$tmp/out" "$golden"
			echo "updated $golden"
		else
			echo "FAIL: $name exited $status"; cat "$tmp/err"
			fail=$((fail + 1))
		fi
		continue
	fi
	if [ $status -eq 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ] &&
	   cmp -s "$tmp/out" "$golden"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (descent $cmd '$expr'$rest, kernels $set), status $status"
		cat "$tmp/err"
		if [ -f "$golden" ]; then
			diff -u "$golden" "$tmp/out" | head -60
		else
			echo "  no golden file $golden: run make golden-update"
		fi
	fi
done <"$srcdir/tests/golden/cases.txt"
done
echo "golden: under the kernel sets$sets"
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
