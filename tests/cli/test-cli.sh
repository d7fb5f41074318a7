#!/bin/sh
# End-to-end tests of the command line: `descent eval`, `descent diff`,
# global options, exit statuses and messages.  Each case runs the real
# binary and compares stdout, stderr and the exit status exactly.
set -u
DESCENT=${DESCENT:-src/descent}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- ARGS...
check() {
	name=$1 want_status=$2 want_out=$3 want_err=$4
	shift 5
	"$DESCENT" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	printf '%s' "$want_out" >"$tmp/want_out"
	printf '%s' "$want_err" >"$tmp/want_err"
	if [ "$status" -eq "$want_status" ] && cmp -s "$tmp/out" "$tmp/want_out" &&
	   cmp -s "$tmp/err" "$tmp/want_err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (descent $*)"
		echo "  status $status, wanted $want_status"
		diff -u "$tmp/want_out" "$tmp/out" | sed 's/^/  out: /'
		diff -u "$tmp/want_err" "$tmp/err" | sed 's/^/  err: /'
	fi
}

# check_grep NAME STATUS PATTERN -- ARGS...: stdout+stderr match PATTERN
check_grep() {
	name=$1 want_status=$2 pattern=$3
	shift 4
	"$DESCENT" "$@" >"$tmp/out" 2>&1
	status=$?
	if [ "$status" -eq "$want_status" ] && grep -q -- "$pattern" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (descent $*): status $status, wanted $want_status, pattern '$pattern'"
		sed 's/^/  | /' "$tmp/out"
	fi
}

nl='
'
check "eval 1D" 0 "f = 1${nl}df/dx = 0${nl}d2f/dx2 = 2${nl}" "" -- eval 'x^2 - 4x + 5' x=2
check "eval 2D" 0 "f = 10${nl}grad = (4, 13)${nl}hessian = [[4, 2], [2, 12]]${nl}" "" -- eval 'x^2*y + y^3' x=1 y=2
check "eval double well" 0 "f = -11${nl}df/dx = 0${nl}d2f/dx2 = 32${nl}" "" -- eval 'x^4 - 8*x^2 + 5' x=-2
check "eval constant value, no -0" 0 "f = 1${nl}df/dx = 0${nl}d2f/dx2 = -1${nl}" "" -- eval 'cos(x)' x=0
check "eval options after operands" 0 "f = 4${nl}df/dx = 4${nl}d2f/dx2 = 2${nl}" "" -- eval x^2 x=2
check "eval no variables" 0 "f = 6${nl}" "" -- eval '2*3'
check "eval leading minus after --" 0 "f = -4${nl}df/dx = -4${nl}d2f/dx2 = -2${nl}" "" -- eval -- '-x^2' x=2
check "eval inf" 0 "f = inf${nl}df/dx = -inf${nl}d2f/dx2 = inf${nl}" "" -- eval '1/x' x=0
check "eval missing value" 1 "" "descent: error: no value for y: add y=VALUE${nl}" -- eval 'x*y' x=1
check "eval unknown name" 1 "" "descent: error: 'z' is not a variable of the expression${nl}" -- eval 'x' x=1 z=2
check "eval twice" 1 "" "descent: error: x is given twice${nl}" -- eval 'x' x=1 x=2
check "eval not an assignment" 2 "" "descent eval: 'x' is not an assignment: write NAME=VALUE, as in x=1.5${nl}" -- eval 'x' x
check "eval bad value" 1 "" "descent: in the value of x: error at column 3: expected a number, a name or '(' after '+'${nl}  1+${nl}    ^${nl}" -- eval 'x' 'x=1+'
check "eval variable in value" 1 "" "descent: in the value of x: error at column 1: unknown name 'y': this expression takes no variables${nl}  y${nl}  ^${nl}" -- eval 'x' 'x=y'
check "eval bad expression" 1 "" "descent: error at column 7: expected a number, a name or '(' after '+', not '^'${nl}  x^2 + ^3${nl}        ^${nl}" -- eval 'x^2 + ^3' x=1
check "eval missing expression" 2 "" "descent eval: missing the expression${nl}usage: descent eval EXPR [NAME=VALUE ...]${nl}Try 'descent eval --help' for more.${nl}" -- eval
check "eval minus hint" 2 "" "descent eval: unknown option '-x^2' (an expression that starts with '-' goes after '--': descent eval -- '-x^2')${nl}usage: descent eval EXPR [NAME=VALUE ...]${nl}Try 'descent eval --help' for more.${nl}" -- eval '-x^2' x=1

check "diff" 0 "d/dx = 4*x^3 - 16*x${nl}" "" -- diff 'x^4 - 8*x^2 + 5'
check "diff hessian" 0 "d/dx = 4*x^3 - 16*x${nl}d2/dx2 = 12*x^2 - 16${nl}" "" -- diff --hessian 'x^4 - 8*x^2 + 5'
check "diff 2D hessian" 0 "d/dx = 3*y${nl}d2/dx2 = 0${nl}d2/dxdy = 3${nl}d/dy = 3*x${nl}d2/dy2 = 0${nl}" "" -- diff -H '3*x*y'
check "diff wrt" 0 "d/dy = 200*(y - x^2)${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' --wrt y
check "diff wrt=" 0 "d/dy = 200*(y - x^2)${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' --wrt=y
check "diff wrt hessian" 0 "d/dy = 200*(y - x^2)${nl}d2/dydx = -400*x${nl}d2/dy2 = 200${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' -w y -H
check "diff wrt absent" 0 "d/dz = 0${nl}" "" -- diff 'x^2' --wrt z
check "diff wrt not a name" 2 "" "descent diff: --wrt takes a variable name, not '2x'${nl}usage: descent diff EXPR [--wrt NAME] [--hessian] [--program]${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x^2' --wrt 2x
check "diff wrt missing" 2 "" "descent diff: option '--wrt' needs a value${nl}usage: descent diff EXPR [--wrt NAME] [--hessian] [--program]${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x^2' --wrt
check "diff two operands" 2 "" "descent diff: one expression only (quote it: descent diff 'x^2 + y^2')${nl}usage: descent diff EXPR [--wrt NAME] [--hessian] [--program]${nl}Try 'descent diff --help' for more.${nl}" -- diff x + y
check "diff unknown option" 2 "" "descent diff: unknown option '--bogus'${nl}usage: descent diff EXPR [--wrt NAME] [--hessian] [--program]${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x' --bogus
check "diff unknown function" 1 "" "descent: error at column 1: unknown function 'sinn': did you mean 'sin'?${nl}  sinn(x)${nl}  ^${nl}" -- diff 'sinn(x)'
check_grep "diff program" 0 "MULADD     out0, t0, t0, t2" -- diff --program '(1-x)^2 + 100*(y-x^2)^2'
check_grep "diff program hessian" 0 "then the Hessian row by row" -- diff -p -H 'x*y'

check_grep "help" 0 "usage: descent" -- --help
check_grep "help lists eval" 0 "  eval " -- -h
check_grep "no arguments" 0 "Commands:" --
check "version" 0 "descent 0.1.0${nl}" "" -- --version
check "eval version" 0 "descent 0.1.0${nl}" "" -- eval --version
check_grep "eval help" 0 "usage: descent eval EXPR" -- eval --help
check_grep "diff help" 0 "--wrt NAME" -- diff -h
check "unknown command" 2 "" "descent: unknown command 'frobnicate'${nl}Try 'descent --help' for the commands.${nl}" -- frobnicate
check "unknown global option" 2 "" "descent: unknown option '--frob'${nl}Try 'descent --help' for the commands.${nl}" -- --frob

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
