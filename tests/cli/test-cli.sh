#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of the command line: `descent eval`, `descent diff`,
# global options, exit statuses and messages.  Each case runs the real
# binary and compares stdout, stderr and the exit status exactly.
set -u
DESCENT=${DESCENT:-src/descent}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a command before descent's, like "timeout 10" where a bug would block
before=

# check NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- ARGS...
check() {
	name=$1 want_status=$2 want_out=$3 want_err=$4
	shift 5
	$before "$DESCENT" "$@" >"$tmp/out" 2>"$tmp/err"
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
	$before "$DESCENT" "$@" >"$tmp/out" 2>&1
	status=$?
	if [ "$status" -eq "$want_status" ] && grep -q -- "$pattern" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (descent $*): status $status, wanted $want_status, pattern '$pattern'"
		sed 's/^/  | /' "$tmp/out"
	fi
}

# check_doc NAME STATUS -- ARGS... <<EOF: stdout must be the here-document,
# stderr empty
check_doc() {
	name=$1 want_status=$2
	shift 3
	cat >"$tmp/doc"
	check "$name" "$want_status" "$(cat "$tmp/doc")
" "" -- "$@"
}

top_srcdir=${top_srcdir:-.}
tab=$(printf '\t')
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
check "eval at -0: 1/(-0) = -inf" 0 "f = -inf${nl}df/dx = -inf${nl}d2f/dx2 = -inf${nl}" "" -- eval '1/x' x=-0
check "eval -0 + 0 = +0" 0 "f = inf${nl}df/dx = -inf${nl}d2f/dx2 = inf${nl}" "" -- eval '1/(x+0)' x=-0
check "eval constant -0" 0 "f = -inf${nl}" "" -- eval '1/(-0)'
check "eval missing value" 1 "" "descent: error: no value for y: add y=VALUE${nl}" -- eval 'x*y' x=1
check "eval unknown name" 1 "" "descent: error: 'z' is not a variable of the expression${nl}" -- eval 'x' x=1 z=2
check "eval twice" 1 "" "descent: error: x is given twice${nl}" -- eval 'x' x=1 x=2
check "eval not an assignment" 2 "" "descent eval: 'x' is not an assignment: write NAME=VALUE, as in x=1.5${nl}" -- eval 'x' x
check "eval bad value" 1 "" "descent: in the value of x: error at column 3: expected a number, a name or '(' after '+'${nl}  1+${nl}    ^${nl}" -- eval 'x' 'x=1+'
check "eval variable in value" 1 "" "descent: in the value of x: error at column 1: unknown name 'y': this expression takes no variables${nl}  y${nl}  ^${nl}" -- eval 'x' 'x=y'
check "eval bad expression" 1 "" "descent: error at column 7: expected a number, a name or '(' after '+', not '^'${nl}  x^2 + ^3${nl}        ^${nl}" -- eval 'x^2 + ^3' x=1
check "eval missing expression" 2 "" "descent eval: missing the expression${nl}Try 'descent eval --help' for more.${nl}" -- eval
check "eval minus hint" 2 "" "descent eval: unknown option '-x^2' (an expression that starts with '-' goes after '--': descent eval -- '-x^2')${nl}Try 'descent eval --help' for more.${nl}" -- eval '-x^2' x=1

check "diff" 0 "d/dx = 4*x^3 - 16*x${nl}" "" -- diff 'x^4 - 8*x^2 + 5'
check "diff hessian" 0 "d/dx = 4*x^3 - 16*x${nl}d2/dx2 = 12*x^2 - 16${nl}" "" -- diff --hessian 'x^4 - 8*x^2 + 5'
check "diff 2D hessian" 0 "d/dx = 3*y${nl}d2/dx2 = 0${nl}d2/dxdy = 3${nl}d/dy = 3*x${nl}d2/dy2 = 0${nl}" "" -- diff -H '3*x*y'
check "diff wrt" 0 "d/dy = 200*(y - x^2)${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' --wrt y
check "diff wrt=" 0 "d/dy = 200*(y - x^2)${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' --wrt=y
check "diff wrt hessian" 0 "d/dy = 200*(y - x^2)${nl}d2/dydx = -400*x${nl}d2/dy2 = 200${nl}" "" -- diff '(1-x)^2 + 100*(y-x^2)^2' -w y -H
check "diff wrt absent" 0 "d/dz = 0${nl}" "" -- diff 'x^2' --wrt z
check "diff wrt not a name" 2 "" "descent diff: --wrt takes a variable name, not '2x'${nl}" -- diff 'x^2' --wrt 2x
check "diff wrt missing" 2 "" "descent diff: option '--wrt' needs a value${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x^2' --wrt
check "diff two operands" 2 "" "descent diff: one expression only (quote it: descent diff 'x^2 + y^2')${nl}Try 'descent diff --help' for more.${nl}" -- diff x + y
check "diff unknown option" 2 "" "descent diff: unknown option '--bogus'${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x' --bogus
check "diff model" 0 "mlp:1-2-1:tanh: 1 input (x), 1 hidden layer of tanh, a linear output m${nl}7 parameters, in order:${nl}  w1_1_1 b1_1 w1_2_1 b1_2 w2_1_1 w2_1_2 b2_1${nl}m = w2_1_1*tanh(w1_1_1*x + b1_1) + w2_1_2*tanh(w1_2_1*x + b1_2) + b2_1${nl}dm/dw1_1_1 = w2_1_1*((1 - tanh(w1_1_1*x + b1_1)^2)*x)${nl}" "" -- diff --model mlp:1-2-1:tanh --wrt w1_1_1
check_grep "diff model, two hidden layers of relu" 0 "^mlp:3-2-2-1:relu: 3 inputs (x1 to x3), 2 hidden layers of relu, a linear output m$" -- diff --model mlp:3-2-2-1:relu
check_grep "diff model, names wrap" 0 "^  b2_1$" -- diff --model mlp:2-3-1:sigmoid
check "diff model wrt unknown" 2 "" "descent diff: --wrt: zz is no parameter or input of mlp:3-2-1${nl}" -- diff --model mlp:3-2-1 --wrt zz
check "diff model and expression" 2 "" "descent diff: an expression or --model, not both${nl}Try 'descent diff --help' for more.${nl}" -- diff x --model mlp:1-1-1
check "diff model hessian" 2 "" "descent diff: --model shows a network and one derivative (--wrt); --hessian and --program take an expression${nl}" -- diff --model mlp:1-1-1 -H
check "diff model bad spec" 1 "" "descent: in --model: error at column 11: unknown activation 'elu' in 'mlp:1-1-1:elu': the activations are tanh, sigmoid, relu and softplus${nl}  mlp:1-1-1:elu${nl}            ^${nl}" -- diff --model mlp:1-1-1:elu
check "diff unknown function" 1 "" "descent: error at column 1: unknown function 'sinn': did you mean 'sin'?${nl}  sinn(x)${nl}  ^${nl}" -- diff 'sinn(x)'
check_grep "diff program" 0 "MULADD     out0, t0, t0, t2" -- diff --program '(1-x)^2 + 100*(y-x^2)^2'
check_grep "diff program hessian" 0 "then the Hessian row by row" -- diff -p -H 'x*y'

check_grep "help" 0 "usage: descent" -- --help
check_grep "help lists eval" 0 "  eval " -- -h
check_grep "no arguments opens the course" 0 "^Chapter 1: " --
# the version is configure.ac's, and so are those of the first entries
# of NEWS and debian/changelog: one is not bumped without the others
v=$(sed -n 's/^AC_INIT(\[descent\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
news=$(sed -n 's/^\* descent \([^ ]*\) .*/\1/p' "$top_srcdir/NEWS" | head -n 1)
deb=$(sed -n '1s/^descent (\([^)]*\)).*/\1/p' "$top_srcdir/debian/changelog")
if [ -n "$v" ] && [ "$news" = "$v" ] && [ "$deb" = "$v" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1))
	echo "FAIL: the versions differ: configure.ac '$v', NEWS '$news', debian/changelog '$deb'"
fi
version="descent $v${nl}Copyright (C) 2026 the descent authors${nl}License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.${nl}This is free software: you are free to change and redistribute it.${nl}There is NO WARRANTY, to the extent permitted by law.${nl}"
check "version" 0 "$version" "" -- --version
check "eval version" 0 "$version" "" -- eval --version
# --help and --version win over other options and their errors
check "version after --ascii" 0 "$version" "" -- --ascii --version
check "version after an unknown option" 0 "$version" "" -- --frob -V
check_grep "help after --ascii" 0 "^usage: descent " -- --ascii --help
check_grep "run help after an unknown option" 0 "^usage: descent run " -- run 'x^2' --bogus --help
check "run version after an unknown option" 0 "$version" "" -- run 'x^2' --bogus --version
check_grep "run help after a missing value" 0 "^usage: descent run " -- run 'x^2' --help --start
check_grep "run help abbreviated" 0 "^usage: descent run " -- run 'x^2' --he
check "diff -h as a value is not help" 2 "" "descent diff: --wrt takes a variable name, not '-h'${nl}" -- diff 'x^2' --wrt -h
check "help after -- is an operand" 2 "" "descent diff: unknown option '--bogus'${nl}Try 'descent diff --help' for more.${nl}" -- diff --bogus -- --help
# every --help ends with where to report bugs
for c in "" eval diff run map replay analyze plot learn lessons play; do
	if [ "$("$DESCENT" $c --help | tail -n 1)" = "Report bugs: see the BUGS section of descent(1)." ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: descent $c --help does not end with where to report bugs"
	fi
done
# an ambiguous abbreviation lists the options it could be
check "run ambiguous option" 2 "" "descent run: option '--s' is ambiguous: --start, --steps, --schedule, --seed, --split${nl}Try 'descent run --help' for more.${nl}" -- run 'x^2' --s 1
check "diff ambiguous option" 2 "" "descent diff: option '--he' is ambiguous: --hessian, --help${nl}Try 'descent diff --help' for more.${nl}" -- diff 'x^2' --he
check "run ambiguous option=" 2 "" "descent run: option '--s=1' is ambiguous: --start, --steps, --schedule, --seed, --split${nl}Try 'descent run --help' for more.${nl}" -- run 'x^2' --s=1
# a negative value after an abbreviated option
check "run abbreviated option, negative value" 0 "$("$DESCENT" run 'x^2' --start -1 -n 2)${nl}" "" -- run 'x^2' --sta -1 -n 2
check "plot abbreviated option, negative value" 0 "$("$DESCENT" plot 'x^2' --trajectory gd --start -1 --size 40x12)${nl}" "" -- plot 'x^2' --traj gd --sta -1 --si 40x12
check_grep "eval help" 0 "usage: descent eval EXPR" -- eval --help
check_grep "diff help" 0 "--wrt NAME" -- diff -h
check "unknown command" 2 "" "descent: unknown command 'frobnicate'${nl}Try 'descent --help' for the commands.${nl}" -- frobnicate
check "unknown global option" 2 "" "descent: unknown option '--frob'${nl}Try 'descent --help' for the commands.${nl}" -- --frob

# --- run -----------------------------------------------------------------

check_doc "run gd table" 0 -- run 'x^2' --start 1 --lr 0.1 -n 3 <<'EOF'
gd, lr = 0.1, on x^2
 step            x              f       |grad|
    0            1              1            2
    1          0.8           0.64          1.6
    2         0.64         0.4096         1.28
    3        0.512       0.262144        1.024
stopped at the step limit (3 steps): |grad| = 1.02
  at x = 0.512, f = 0.262144
EOF
check_doc "run diverges" 0 -- run 'x^2' --start 1 --lr 1.1 --bound 20 <<'EOF'
gd, lr = 1.1, on x^2
 step            x              f       |grad|
    0            1              1            2
    1         -1.2           1.44          2.4
    2         1.44         2.0736         2.88
    3       -1.728       2.985984        3.456
    4       2.0736       4.299817        4.147
    5     -2.48832      6.1917364        4.977
    6      2.98598      8.9161004        5.972
    7     -3.58318      12.839185        7.166
    8      4.29982      18.488426          8.6
    9     -5.15978      26.623333        10.32
diverged at step 9: |f| is beyond 20
EOF
check_doc "run newton on data" 0 -- run --data "$top_srcdir/tests/data/line.csv" --model 'w0 + w1*x' -o newton <<'EOF'
newton, lr = 1, on the mse of w0 + w1*x on 3 examples
 step           w0           w1              f       |grad|
    0            0            0      17.416667        19.56
    1    -0.166667            2    0.055555556    1.127e-15
converged at step 1 to a minimum: |grad| = 1.13e-15 < 1e-06
  at w0 = -0.166667, w1 = 2, f = 0.0555556
  Hessian eigenvalues 0.2404, 11.09
EOF
check_doc "run newton at a saddle" 0 -- run 'x^2 - y^2' -o newton --start 1,1 -n 2 <<'EOF'
newton, lr = 1, on x^2 - y^2
 step            x            y              f       |grad|
    0            1            1              0        2.828 *
    1            0            2             -4            4 *
    2            0            4            -16            8
stopped at the step limit (2 steps): |grad| = 8
  at x = 0, y = 4, f = -16
newton: the Hessian was not positive definite at 2 steps (marked *);
there it used the absolute values of the eigenvalues, to go downhill.
EOF
check_doc "run csv" 0 -- run 'x^2+y^2' --start 1,1 -o adam --lr 0.1 --format csv -n 1 <<'EOF'
step,x,y,f,grad_norm,lr,hessian_modified
0,1,1,2,2.8284271247461903,0.1,0
1,0.9000000005,0.9000000005,1.6200000017999998,2.5455844136857846,0.1,0
# max_steps at step 1
EOF
check_doc "run json" 0 -- run 'x^2' --start 1 --lr 0.5 --format json <<'EOF'
{"objective": "x^2", "optimizer": "gd", "params": {"lr": 0.5}, "variables": ["x"],
 "steps": [
  {"step": 0, "point": [1], "f": 1, "grad_norm": 2, "lr": 0.5, "hessian_modified": false},
  {"step": 1, "point": [0], "f": 0, "grad_norm": 0, "lr": 0.5, "hessian_modified": false}
 ],
 "outcome": "converged", "final_step": 1, "kind": "minimum"}
EOF
# a variable named as a fixed column gets the column var_NAME
check_doc "run csv, variables named as columns" 0 -- run 'f^2 + lr^2' --start 1,1 --format csv -n 0 <<'EOF'
step,var_f,var_lr,f,grad_norm,lr,hessian_modified
0,1,1,2,2.8284271247461903,0.01,0
# max_steps at step 0
EOF
check_grep "run csv, every fixed name" 0 "^step,var_grad_norm,var_hessian_modified,f," -- run 'grad_norm^2 + hessian_modified^2' --start 1,1 --format csv -n 0
check_grep "run csv, a variable named var_f" 0 "^step,var_var_f,var_f,f," -- run 'f^2 + var_f^2' --start 1,1 --format csv -n 0
check_grep "run csv, a parameter named f" 0 "^step,var_f,w,f," -- run --data-inline 'x,y;1,2;2,3' --model 'f + w*x' --format csv -n 0
# not finite: inf, -inf, nan; the outcome in a comment line
check_doc "run csv, not finite" 0 -- run 'x^2' --start 1 --lr 1e200 --bound 1e308 --format csv <<'EOF'
step,x,f,grad_norm,lr,hessian_modified
0,1,1,2,1e+200,0
1,-2e+200,inf,4e+200,1e+200,0
# diverged at step 1: f is not finite
EOF
check_doc "run csv, nan" 0 -- run 'sqrt(x)' --start -1 --format csv <<'EOF'
step,x,f,grad_norm,lr,hessian_modified
0,-1,nan,nan,0.01,0
# diverged at step 0: f is not finite
EOF
check_grep "run line search rescues" 0 "^converged at step" -- run 'x^2' --start 3 --lr 1.5 --line-search
check_grep "run no line search diverges" 0 "^diverged at step" -- run 'x^2' --start 3 --lr 1.5
check_grep "run schedule" 0 ",0.025,0$" -- run 'x^2' --start 1 --lr 0.1 --schedule step:every=1,factor=0.5 -n 3 --format csv
check_grep "run warmup" 0 "^0,1,1,2,0.05,0$" -- run 'x^2' --start 1 --lr 0.1 --schedule constant,warmup=2 -n 3 --format csv
check_grep "run noise seeded" 0 "^# max_steps" -- run 'x^2' --start 1 --noise 0.1 --seed 7 -n 5 --format csv
check_grep "run data inline, mini-batches" 0 "mini-batches of 1 (seed 3)" -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model 'w0 + w1*x' --batch 1 --seed 3 -n 4
check_grep "run logistic" 0 "^converged at step" -- run --data "$top_srcdir/tests/data/logistic.csv" --model 'b + w1*x1 + w2*x2' --loss cross_entropy -o newton
# the quasi-Newton family: Rosenbrock from the classic start, its evaluations counted
check "run lbfgs on Rosenbrock" 0 "lbfgs, lr = 1, on (1-x)^2 + 100*(y-x^2)^2${nl} step            x            y              f       |grad|${nl}    0         -1.2            1           24.2        232.9${nl}   39            1            1  3.3269234e-24    4.317e-12${nl}converged at step 39 to a minimum: |grad| = 4.32e-12 < 1e-08${nl}  at x = 1, y = 1, f = 3.32692e-24${nl}  Hessian eigenvalues 0.3994, 1002${nl}87 evaluations of f and its gradient, 47 of them by the line searches${nl}" "" -- run '(1-x)^2 + 100*(y-x^2)^2' -o lbfgs --start -1.2,1 --tol 1e-8 --every 100
# a map whose runs take the Armijo search: no cell diverges past the edge
check_grep "map with the line search: nothing diverges" 0 "^of 72 cells: 0 diverged, 0 not done in 1000 steps$" -- map 'x^2 + 10*y^2' --over lr=0.01:1 --log --start 1,1 --line-search --size 80x16 --ascii
check_grep "map with the line search: the theory is without it" 0 "^  (without a line search: the search halves the steps that would not decrease f)$" -- map 'x^2 + 10*y^2' --over lr=0.01:1 --log --start 1,1 --line-search --size 80x16 --ascii
check "map: the line search is for gd and newton" 2 "" "descent map: the line search is for gd and newton, not momentum${nl}" -- map 'x^2 + 10*y^2' -o momentum --over lr=0.01:1 --start 1,1 --line-search
check "run bfgs takes no noise" 2 "" "descent run: bfgs searches along its direction with the true f and gradient: it takes no noise${nl}" -- run 'x^2' -o bfgs --start 1 --noise 0.1
check "run lbfgs memory 0" 2 "" "descent run: --memory must be a whole number from 1 to 100, not 0${nl}" -- run 'x^2' -o lbfgs --start 1 --memory 0
check "run cg has no memory" 2 "" "descent run: cg has no parameter memory (it uses lr)${nl}" -- run 'x^2+y^2' -o cg --start 1,1 --memory 3
check "map of lbfgs's memory takes no batch" 2 "" "descent map: lbfgs searches along its direction with the true f and gradient: it takes no mini-batches${nl}" -- map --data-inline 'x,y;1,2;2,3.5;3,6;4,8' --model 'a*x+b' -o lbfgs --over lr=0.1:2,batch=1:4
check "run unknown optimizer" 2 "" "descent run: unknown optimizer 'foo': use gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, lbfgs or cg${nl}" -- run 'x^2' --start 1 -o foo
check "run negative lr" 2 "" "descent run: --lr must be positive, not -1${nl}" -- run 'x^2' --start 1 --lr -1
check "run foreign parameter" 2 "" "descent run: gd has no parameter beta (it uses lr)${nl}" -- run 'x^2' --start 1 --beta 0.5
check "run beta range" 2 "" "descent run: --beta must be in [0, 1), not 1${nl}" -- run 'x^2' --start 1 -o momentum --beta 1
check "run start count" 2 "" "descent run: --start has 2 coordinates, but the expression has 1 variable (x)${nl}" -- run 'x^2' --start 1,2
long=$(printf 'a%.0s' $(seq 300)) cut=$(printf 'a%.0s' $(seq 255))
check "run start count, a long name" 2 "" "descent run: --start has 2 coordinates, but the expression has 1 variable ($cut)${nl}" -- run "$long^2" --start 1,2
check "run damping range" 2 "" "descent run: --damping must be zero or more, not -1${nl}" -- run 'x^2' --start 1 -o newton --damping -1
check_grep "run every parameter option" 0 '"beta1": 0.8, "beta2": 0.99, "eps": 0.001}' -- run 'x^2' --start 1 -o adam --lr 0.1 --beta1 0.8 --beta2 0.99 --eps 1e-3 -n 1 --format json
check "run start value" 2 "" "descent: in --start: error at column 1: unknown name 'y': this expression takes no variables${nl}  y${nl}  ^${nl}" -- run 'x^2' --start y
check "run missing start" 2 "" "descent run: --start is missing: where should the descent start? e.g. --start 1,1${nl}" -- run 'x*y'
check "run bad schedule" 2 "" "descent run: --schedule: the step schedule has no 'decay' (it takes every, factor and warmup)${nl}" -- run 'x^2' --start 1 --schedule step:decay=2
check "run steps" 2 "" "descent run: --steps must be a whole number from 0 to 1e+09, not 1.5${nl}" -- run 'x^2' --start 1 --steps 1.5
check "run format" 2 "" "descent run: unknown format 'xml': use table, csv or json${nl}" -- run 'x^2' --start 1 --format xml
check "run batch on expression" 2 "" "descent run: --model, --loss, --target, --params, --init, --l2, --split and a batch size go with --data${nl}" -- run 'x^2' --start 1 --batch 2
check "run line search optimizer" 2 "" "descent run: the line search is for gd and newton, not momentum${nl}" -- run 'x^2' --start 1 -o momentum --line-search
check "run ragged data" 1 "" "$top_srcdir/tests/data/bad-ragged.csv:4:5: error: row has 3 fields, but the header has 2${nl}" -- run --data "$top_srcdir/tests/data/bad-ragged.csv" --model 'w0 + w1*x'
check "run non-number" 1 "" "$top_srcdir/tests/data/bad-number.csv:3:3: error: 'abc' is not a number${nl}" -- run --data "$top_srcdir/tests/data/bad-number.csv" --model 'w0 + w1*x'
check "run missing file" 1 "" "$tmp/none.csv: error: cannot open the file: No such file or directory${nl}" -- run --data "$tmp/none.csv" --model 'w0 + w1*x'
check "run bad model" 1 "" "descent: in --model: error at column 4: expected a number, a name or '(' after '+', not '*'${nl}  w0+*x${nl}     ^${nl}" -- run --data-inline 'x,y;1,2' --model 'w0+*x'
check "run model without parameters" 1 "" "descent: error: the model has no parameters: every name in it is a data column${nl}" -- run --data-inline 'x,y;1,2' --model '2*x'

# networks (mlp:) as models: --init, the table of many parameters, the limits
check_grep "run network, glorot by default" 0 "^  at a point of 10 parameters (--format csv lists them), f = " -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh -o adam -n 50
check_grep "run network, table without the point" 0 "^ step              f       |grad|$" -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh -n 5
check_grep "run network csv names the parameters" 0 "^step,w1_1_1,b1_1,w1_2_1,b1_2,w1_3_1,b1_3,w2_1_1,w2_1_2,w2_1_3,b2_1,f," -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh -n 2 --format csv
check_grep "run network zeros: only the output bias moves" 0 "^2,0,0,0,0,0,0,0,0,0,[0-9.e-]*[1-9]" -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh --init zeros -n 2 --format csv
check_grep "run network const: units stay equal" 0 "^3,\([-0-9.e]*,[-0-9.e]*\),\1,\1," -- run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh --init const:0.5 -n 3 --format csv
"$DESCENT" run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh --seed 4 -n 20 --format csv >"$tmp/a" 2>&1
"$DESCENT" run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh --seed 4 -n 20 --format csv >"$tmp/b" 2>&1
"$DESCENT" run --data-inline 'x,y;1,2;2,3.5;3,6' --model mlp:1-3-1:tanh --seed 5 -n 20 --format csv >"$tmp/c" 2>&1
if cmp -s "$tmp/a" "$tmp/b" && ! cmp -s "$tmp/a" "$tmp/c"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: run network: the same --seed, the same run; another, another"; fi
check "analyze data at a point" 0 "the mse of a*x+b on 3 examples, 2 parameters${nl}at the point given by --at${nl}  f = 8${nl}  |grad| = 8.537, not below --tol 1e-06${nl}  the Hessian's 2 eigenvalues, increasing:${nl}    0.5585 4.775${nl}  sharpness (the largest eigenvalue): 4.77485${nl}  index (eigenvalues below 0): 0; zero (within 1e-7 of the largest): 0${nl}  not a critical point: |grad| is not below --tol${nl}" "" -- analyze --data-inline 'x,y;0,0;1,1;2,0' --model 'a*x+b' --at 1,2
check_grep "analyze network after a run: degenerate minimum" 0 "^  a critical point: degenerate (7 eigenvalues 0, the others of one sign)$" -- analyze --data-inline 'x,y;0,0;1,1;2,0' --model mlp:1-3-1 -o lbfgs -n 500 --tol 1e-8
check_grep "analyze network after a run" 0 "^after 18 steps of lbfgs (lr = 1) from glorot (seed 0)$" -- analyze --data-inline 'x,y;0,0;1,1;2,0' --model mlp:1-3-1 -o lbfgs -n 500 --tol 1e-8
check_grep "analyze network swap" 0 "^with hidden units 1 and 3 of layer 1 swapped: f = " -- analyze --data-inline 'x,y;0,0;1,1;2,0' --model mlp:1-3-1 --swap 1:1:3
check_grep "analyze network: eigenvalues cut" 0 "(9 more: --eigenvalues shows them)" -- analyze --data-inline 'x,y;0,0;1,1;2,0;3,1' --model mlp:1-8-1
check "analyze swap layer" 2 "" "descent analyze: --swap: the hidden layers are 1 to 1, not 2${nl}" -- analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-3-1 --swap 2:1:2
check "analyze swap units" 2 "" "descent analyze: --swap: layer 1 has units 1 to 3; name two different ones${nl}" -- analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-3-1 --swap 1:1:4
check "analyze swap spec" 2 "" "descent analyze: --swap takes LAYER:UNIT:UNIT, as in 1:1:2, not '1-2'${nl}" -- analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-3-1 --swap 1-2
check "analyze swap without a network" 2 "" "descent analyze: --swap goes with a network (--model mlp:...)${nl}" -- analyze --data-inline 'x,y;0,0;1,1' --model 'a*x' --swap 1:1:2
check "analyze at and init" 2 "" "descent analyze: --at and --init: one or the other${nl}" -- analyze --data-inline 'x,y;0,0;1,1' --model mlp:1-1-1 --at 1,2,3,4 --init zeros
check "analyze data and expression" 2 "" "descent analyze: an expression or --data with --model, not both${nl}Try 'descent analyze --help' for more.${nl}" -- analyze 'x^2' --data-inline 'x,y;0,0;1,1' --model 'a*x'
check_grep "run on a built-in set" 0 "^adam, lr = 0.01, on the cross_entropy of mlp:2-8-1 on 200 examples$" -- run --data moons --model mlp:2-8-1 --loss cross_entropy -o adam -n 5
check_grep "run on a built-in set with options" 0 "on the mse of mlp:1-4-1 on 30 examples$" -- run --data 'sine,n=30,noise=0.2,seed=3' --model mlp:1-4-1 -n 5
check "run built-in set, bad option" 1 "" "descent: in --data: error at column 18: noise must be from 0 to 1000, not '-1'${nl}  moons,n=50,noise=-1${nl}                   ^${nl}" -- run --data moons,n=50,noise=-1 --model mlp:2-8-1
check "run no such file or set" 1 "" "descent: error: no file moonz, and no built-in data set of that name (line, sine, xor, moons, circles)${nl}" -- run --data moonz --model mlp:2-8-1
check_grep "map over data of a network" 0 "^lowest final loss: " -- map --data sine,n=40 --model mlp:1-4-1 -o adam --over lr=0.001:0.3,batch=1:40 --size 80x24 --ascii -n 50
check_grep "analyze past the assembled Hessian: Lanczos" 0 "^  from 60 of its products (Lanczos), its extremes are about$" -- analyze --data sine,n=20 --model mlp:1-45-44-1
check "analyze census" 0 "the mse of mlp:1-2-1 on 30 examples, plus 0.01/2 |w|^2, 7 parameters${nl}census from 10 starts (glorot, seeds 0 to 9), each first 200 steps of lbfgs,${nl}then Newton's method on the gradient (Levenberg-Marquardt) to |grad| < 1e-08;${nl}points closer than 1e-05 relative are one${nl}  5 critical points, from 10 starts; 0 starts found none${nl}  kind                       points  starts   f (the loss and the penalty)${nl}  minimum                         5      10   0.03439${nl}" "" -- analyze --data sine,n=30 --model mlp:1-2-1 --census 10 -o lbfgs -n 200 --l2 0.01
check_grep "analyze census without steps: its method on a line of its own" 0 "^from each, Newton's method on the gradient (Levenberg-Marquardt) to |grad| < 1e-08;$" -- analyze --data sine,n=50 --model mlp:1-3-1 --census 4 --l2 0.001
check_grep "analyze census finds saddles" 0 "^  saddle, index 3                 2      13   0.4926$" -- analyze --data sine,n=50 --model mlp:1-3-1 --census 40 --l2 0.001
check "analyze census count" 2 "" "descent analyze: --census must be a whole number from 1 to 10000, not 0${nl}" -- analyze --data sine --model mlp:1-3-1 --census 0
check "analyze census and swap" 2 "" "descent analyze: --census prints a table: no --swap or --eigenvalues${nl}" -- analyze --data sine --model mlp:1-3-1 --census 2 --swap 1:1:2
check "run l2 negative" 2 "" "descent run: --l2 is a penalty of 0 or more, not -1${nl}" -- run --data sine --model mlp:1-3-1 --l2 -1
check_grep "run l2 in the title" 0 "on the mse of mlp:1-3-1 on 50 examples, plus 0.01/2 |w|^2$" -- run --data sine,n=50 --model mlp:1-3-1 --l2 0.01 -n 3
"$DESCENT" run --data sine,n=50 --model mlp:1-3-1 --l2 0.01 -o lbfgs -n 300 --record "$tmp/net.rec" >/dev/null 2>&1
check_grep "replay a network's run with l2" 0 "^every step reproduced bit for bit" -- replay "$tmp/net.rec"
check_grep "run split: the table's columns" 0 "^ step              f     validation           test       |grad|$" -- run --data sine,n=40 --model mlp:1-2-1 -n 3 --split 0.25,0.25
check_grep "run split: the title" 0 "on the mse of mlp:1-2-1 on 20 examples (held out, seed 0: 10 for validation, 10 for test)$" -- run --data sine,n=40 --model mlp:1-2-1 -n 3 --split 0.25,0.25
check_grep "run split: early stopping" 0 "^the lowest validation loss, [0-9.]*, at step [0-9]* (test loss [0-9.]* there): stopping there is early stopping$" -- run --data sine,n=60,noise=0.3 --model mlp:1-16-1 -o adam --lr 0.02 -n 3000 --split 0.25,0.25 --seed 2
check_grep "run split: csv columns" 0 ",f,grad_norm,lr,hessian_modified,val_loss,test_loss$" -- run --data sine,n=20 --model mlp:1-2-1 -n 3 --split 0.25,0.25 --format csv
check_grep "run split: json" 0 "\"val_loss\": " -- run --data sine,n=20 --model mlp:1-2-1 -n 3 --split 0.25,0.25 --format json
check_grep "run split: no validation part" 0 "^ step              f           test       |grad|$" -- run --data sine,n=20 --model mlp:1-2-1 -n 3 --split 0,0.25
check "run split fractions" 2 "" "descent run: --split: the validation and test fractions add up to 1 or more (0.5 + 0.6): leave some rows for training${nl}" -- run --data sine,n=20 --model mlp:1-2-1 -n 3 --split 0.5,0.6
check "run split one fraction" 2 "" "descent run: --split takes two fractions, for validation and test, as in 0.2,0.2, not '0.5'${nl}" -- run --data sine,n=20 --model mlp:1-2-1 --split 0.5
check_grep "analyze split: the held-out losses" 0 "^  held out (seed 0): validation loss [0-9.e-]* (4 examples), test loss [0-9.e-]* (4 examples)$" -- analyze --data sine,n=20 --model mlp:1-2-1 --split 0.2,0.2
check "map split" 2 "" "descent map: --split goes with descent run, analyze and plot --curve${nl}" -- map --data sine,n=20 --model mlp:1-2-1 --split 0.2,0.2 --over lr=0.01:0.1
# --describe: the plot in sentences, from its analysis (goldens in tests/golden)
check_grep "describe: Himmelblau's four minima and their value" 0 \
	"^(-2\.805, 3\.131), (3, 2) and (3\.584, -1\.848), each where f = 0, the lowest in$" \
	-- plot '(x^2+y-11)^2+(x+y^2-7)^2' --size 80x24 --describe
check_grep "describe: a run, its outcome and its end" 0 \
	"^Run 1, gd,lr=0.01: from (0, 0), where f = 170, it converged at step 62 to the$" \
	-- plot '(x^2+y-11)^2+(x+y^2-7)^2' --size 80x24 --trajectory gd,lr=0.01 --start 0,0 --describe
if "$DESCENT" plot 'x^2' --size 80x24 --describe | grep -q -e '+---' -e '^ *|'; then
	fail=$((fail + 1)); echo "FAIL: describe: words only, the picture left out"
else
	pass=$((pass + 1))
fi
check_grep "describe: a model's landscape on a line" 0 \
	"^There are 3 critical points in view: 2 minima, at t = -0.1859 and t = 1.012,$" \
	-- plot --data sine --model mlp:1-4-1 -o adam -n 300 --line start --size 80x24 --describe
check_grep "describe: a model's loss curves" 0 \
	"^gd,lr=0.1: from 0.2314 at step 0 down to 0.02515 at step 300, its lowest.$" \
	-- plot --data sine --model mlp:1-4-1 -o adam -n 300 --curve gd,lr=0.1 --size 80x24 --describe
check_grep "describe: what a classifier learned" 0 \
	"^The model puts 2 of the 3 examples on their side, where its logit has the sign$" \
	-- plot --data-inline 'x,y;1,0;2,1;3,0' --model 'w*x+b' --loss cross_entropy -n 10 \
	--fit --describe --size 80x24
check_grep "describe: a classifier's surest mistake" 0 \
	"^of class 1, where the logit is -0.07833.$" \
	-- plot --data-inline 'x,y;1,0;2,1;3,0' --model 'w*x+b' --loss cross_entropy -n 10 \
	--fit --describe --size 80x24
check_grep "a note's label in ASCII, as its remark" 0 "^+- Idee cle ---*+$" \
	-- learn --plain --ascii --page 2 --width 80 --progress "$tmp/note-p.json" \
	"$top_srcdir/lessons/fr/01-optimization.json"
check_grep "describe: wrapped to --size's width" 0 "^The curve of f(x) = x^2, for x from -1$" \
	-- plot 'x^2' --size 40x10 --describe
check_grep "learn --plain: every figure in words too" 0 \
	"^maximum at x = 0 (f = 5), falls to a minimum at x = 2 (f = -11), and rises to$" \
	-- learn --plain --lessons-only "$top_srcdir/tests/course" critical-points --page 1 --width 80 \
	--progress "$tmp/words-p.json"
check_grep "learn --plain: on a page that asks, no analysis in the words" 0 \
	"^The critical points and the values of f are left out here.$" \
	-- learn --plain --lessons-only "$top_srcdir/tests/course" critical-points --page 9 --width 80 \
	--progress "$tmp/words-p.json"
check_grep "plot line swap: the same f at both ends" 0 "^f(0) = \([0-9.e-]*\), f(1) = \1$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 500 --line swap:1:1:2 --size 80x24 --ascii
check_grep "plot line swap: a barrier" 0 "^between them the highest f is [0-9.e-]*, at t = 0.5: a barrier [0-9.e-]* above$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 500 --line swap:1:1:2 --size 80x24 --ascii
check_grep "plot line start: the markers" 0 "^A t = 0  B t = 1$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 200 --line start --size 80x24 --ascii
check_grep "plot line seed" 0 "^its end (t = 0) and the end of the run from seed 5 (t = 1)$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 200 --line seed:5 --size 80x24 --ascii
check_grep "plot slice pca" 0 "^the trajectory's two principal components, [0-9]*% and [0-9]*% of its variance$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 500 --slice pca --size 80x24 --ascii
check_grep "plot slice random: the run projected" 0 "^\* the run, projected  S start  @ end$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 200 --slice random --size 80x24 --ascii
check_grep "plot slice hessian" 0 "^the Hessian's eigenvectors of its largest eigenvalues, [0-9.e-]* (a) and [0-9.e-]* (b)$" -- plot --data sine,n=60 --model mlp:1-4-1 -o adam -n 200 --slice hessian --size 80x24 --ascii
check "plot data needs what to draw" 2 "" "descent plot: what to draw of the model: --fit (what it learned), --curve SPEC (loss curves), or its landscape on a line or a plane: --line start|swap:L:J:K|seed:S or --slice random|hessian|pca${nl}" -- plot --data sine --model mlp:1-4-1
check_grep "plot curves: one line per run" 0 "^gd,lr=0.1: f [0-9.e-]* at step 300, test loss [0-9.e-]*$" -- plot --data sine,n=80,noise=0.3 --model mlp:1-16-1 --curve adam,lr=0.02 --curve gd,lr=0.1 -n 300 --split 0,0.3 --size 80x20 --ascii
check_grep "plot curves: the legend" 0 "^\* adam,lr=0.02  & gd,lr=0.1  \$ adam,lr=0.02 test" -- plot --data sine,n=80,noise=0.3 --model mlp:1-16-1 --curve adam,lr=0.02 --curve gd,lr=0.1 -n 300 --split 0,0.3 --size 80x20 --ascii
check_grep "plot curves: a batch size" 0 "^adam,batch=4: f " -- plot --data sine,n=40 --model mlp:1-4-1 --curve adam,batch=4 -n 50 --size 80x20 --ascii
check "plot curve: a bad key" 2 "" "descent plot: --curve: adam has no parameter beta (it uses lr,beta1,beta2,eps; a run also takes batch and seed)${nl}" -- plot --data sine,n=40 --model mlp:1-4-1 --curve adam,beta=0.9 -n 5
check "plot curve: a bad batch" 2 "" "descent plot: --curve adam,batch=80: the batch size 80 is larger than the data (40 examples)${nl}" -- plot --data sine,n=40 --model mlp:1-4-1 --curve adam,batch=80 -n 5
check "plot split without curves" 2 "" "descent plot: --split goes with --curve: the test losses${nl}" -- plot --data sine,n=40 --model mlp:1-4-1 --fit --split 0,0.2
check_grep "plot fit: a curve over the examples" 0 "^the examples and the model's curve against x$" -- plot --data sine,n=60 --model mlp:1-8-1 -o adam -n 300 --fit --size 80x24 --ascii
check_grep "plot fit: the examples keyed" 0 "^o an example$" -- plot --data sine,n=60 --model mlp:1-8-1 -o adam -n 300 --fit --size 80x24 --ascii
check_grep "plot fit: a classifier's classes" 0 "^o y = 0  x y = 1$" -- plot --data moons,n=60 --model mlp:2-8-1 --loss cross_entropy -o adam -n 300 --fit --size 80x24 --ascii
check_grep "plot fit: the boundary at 0" 0 "^contours at 0$" -- plot --data moons,n=60 --model mlp:2-8-1 --loss cross_entropy -o adam -n 300 --fit --size 80x24 --ascii
check_grep "plot fit: a model written out" 0 "^o an example$" -- plot --data line,n=20 --model 'a*x + b' -o gd -n 100 --fit --size 80x24 --ascii
check "plot fit: three inputs" 2 "" "descent plot: --fit: a model is drawn against 1 or 2 inputs, and this one has 3${nl}" -- plot --data-inline 'a,b,c,y;1,2,3,4;2,3,4,5' --model mlp:3-2-1 -n 5 --fit
check "plot line kind" 2 "" "descent plot: --line takes start, swap:L:J:K or seed:S, not 'end'${nl}" -- plot --data sine,n=10 --model mlp:1-2-1 -n 5 --line end
check "plot slice kind" 2 "" "descent plot: --slice takes random, hessian or pca, not 'top'${nl}" -- plot --data sine,n=10 --model mlp:1-2-1 -n 5 --slice top
check "plot line swap without a network" 2 "" "descent plot: --line swap goes with a network (--model mlp:...)${nl}" -- plot --data sine,n=10 --model 'a*x+b' -n 5 --line swap:1:1:2
check "plot line swap units" 2 "" "descent plot: --line swap:L:J:K: two different units J and K of a hidden layer L (1 to 1)${nl}" -- plot --data sine,n=10 --model mlp:1-2-1 -n 5 --line swap:1:2:2
check "plot line and y" 2 "" "descent plot: --y, --contours, --levels and --shade are for --slice, a plane${nl}" -- plot --data sine,n=10 --model mlp:1-2-1 -n 5 --line start --y 0:1
check_grep "a plateau: a saturated sigmoid network sits at ln 2" 0 "^ 2000 *0\.693[0-9]* *0\.000[0-9]*$" -- run --data xor,n=40 --model mlp:2-4-1:sigmoid --loss cross_entropy --init glorot:30 -o gd --lr 0.5 -n 5000 --every 500
check_grep "and then falls off it" 0 "^  at a point of 17 parameters (--format csv lists them), f = 0\.0[0-9]*$" -- run --data xor,n=40 --model mlp:2-4-1:sigmoid --loss cross_entropy --init glorot:30 -o gd --lr 0.5 -n 5000 --every 500
check "run glorot:K" 2 "" "descent run: --init: 'glorot:-1': write glorot:K with a number K above 0, the factor of Glorot's spread${nl}" -- run --data xor,n=40 --model mlp:2-4-1 --init glorot:-1
check "run network too large to differentiate" 1 "" "descent: error: mlp:2-300-300-1 has 91501 parameters, and its derivatives are too large for descent (more than 1048576 nodes): take fewer or narrower layers${nl}" -- run --data xor,n=10 --model mlp:2-300-300-1 -n 2
check "run network too large to build" 1 "" "descent: error: the network is too large for descent (more than 1048576 nodes): take fewer or narrower layers${nl}" -- run --data xor,n=10 --model mlp:2-1024-1024-1 -n 2
check "run record of too many parameters" 2 "" "descent run: --record keeps runs of up to 64 parameters, and this model has 136${nl}" -- run --data sine,n=20 --model mlp:1-45-1 -n 2 --record "$tmp/big.rec"
check "play network: settings that cannot run, before the terminal" 2 "" "descent play: lbfgs searches along its direction with the true f and gradient: it takes no mini-batches${nl}" -- play --data sine --model mlp:1-4-1 -o lbfgs --batch 4
check "play network: newton past 2000 parameters" 2 "" "descent play: newton needs the Hessian, which descent gives up to 2000 parameters, and this has 2159: take lbfgs instead${nl}" -- play --data sine --model mlp:1-45-44-1 -o newton
check "run network bad init" 2 "" "descent run: --init: 'const:0': write const:C with a number C other than 0 (zeros is const:0)${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-3-1:tanh --init const:0
check "run network unknown init" 2 "" "descent run: --init: unknown initialization 'he': the initializations are glorot, glorot:K, const:C and zeros${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-3-1:tanh --init he
check "run init without a network" 2 "" "descent run: --init goes with a network (--model mlp:...); start another model with --start${nl}" -- run --data-inline 'x,y;1,2' --model 'w*x' --init zeros
check "run init without data" 2 "" "descent run: --model, --loss, --target, --params, --init, --l2, --split and a batch size go with --data${nl}" -- run 'x^2' --start 1 --init zeros
check "run start and init" 2 "" "descent run: --start and --init: one or the other${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-1-1:tanh --init zeros --start 1,2,3,4
check "run network start too short" 2 "" "descent run: --start has 2 coordinates, but the model has 4 parameters (w1_1_1, b1_1, w2_1_1, b2_1)${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-1-1:tanh --start 1,2
check "run network bad spec" 1 "" "descent: in --model: error at column 9: the output layer has 1 unit in 'mlp:1-3-2': write mlp:IN-H1[-H2...]-1:ACT, e.g. mlp:1-8-1:tanh${nl}  mlp:1-3-2${nl}          ^${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-3-2
check "run network inputs" 1 "" "descent: in --model: error at column 5: mlp:2-3-1 takes 2 inputs, but the data has 1 column besides the target y${nl}  mlp:2-3-1${nl}      ^${nl}" -- run --data-inline 'x,y;1,2' --model mlp:2-3-1
check "run newton past 2000 parameters" 2 "" "descent run: newton needs the Hessian, which descent gives up to 2000 parameters, and this has 2159: take lbfgs instead${nl}" -- run --data-inline 'x,y;1,2' --model mlp:1-45-44-1:tanh -o newton
check_grep "run network of 2159 parameters" 0 "^  at a point of 2159 parameters" -- run --data-inline 'x,y;1,2;2,3' --model mlp:1-45-44-1:tanh -o adam -n 20
check "run model with the target" 1 "" "descent: error: the model uses the target y: a model computes the target from the other columns${nl}" -- run --data-inline 'x,y;1,2' --model 'w*y'
check "run unknown loss" 2 "" "descent run: unknown loss 'l1': use mse, cross_entropy or hinge${nl}" -- run --data-inline 'x,y;1,2' --model 'w*x' --loss l1
check "run labels" 1 "" "descent: error: cross_entropy needs labels between 0 and 1, but row 1 of y is 2${nl}" -- run --data-inline 'x,y;1,2' --model 'w*x' --loss cross_entropy
check "run batch too big" 2 "" "descent run: the batch size 5 is larger than the data (3 examples)${nl}" -- run --data-inline 'x,y;1,2;2,3;3,4' --model 'w*x' --batch 5
check "run data and expression" 2 "" "descent run: give either an expression or --data with --model, not both${nl}" -- run 'x^2' --data-inline 'x,y;1,2' --model 'w*x'

# --- map -----------------------------------------------------------------
check_doc "map cells as CSV" 0 -- map 'x^2 + 10*y^2' --start 1,0.1 -o momentum --over lr=0.05:0.15,beta=0:0.5 --cells 3x2 --format csv <<'EOF'
lr,beta,outcome,steps
0.05,0,converged,138
0.1,0,max_steps,1000
0.15,0,diverged,15
0.05,0.5,converged,40
0.1,0.5,converged,43
0.15,0.5,max_steps,1000
EOF
check_doc "map: one setting, CSV, one step at lr = 1/f''" 0 -- map 'x^2' --start 1 --over lr=0.5:1.5 --cells 3 --format csv <<'EOF'
lr,outcome,steps
0.5,converged,1
1,max_steps,1000
1.5,diverged,14
EOF
# the map of gd on x^2 + 10y^2: fastest at 2/22 and diverging from 2/20, each within a cell
"$DESCENT" map 'x^2 + 10*y^2' --start 1,0.1 --over lr=0.01:0.2 --log --cells 60 --format csv >"$tmp/map.csv" 2>&1
if awk -F, 'NR > 1 && $2 == "converged" && (best == "" || $3 < best) { best = $3; lr = $1 }
	NR > 1 && $2 == "diverged" && edge == "" { edge = $1 }
	NR > 1 && $2 != "diverged" { edge = "" }
	END { cell = exp(log(20) / 59); ok = lr > 2/22/cell && lr < 2/22*cell && edge >= 0.1 && edge < 0.1*cell
	      if (!ok) print "fastest " lr ", edge " edge; exit !ok }' "$tmp/map.csv"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map gd: fastest not at 2/22 or edge not at 2/20"
fi
# momentum's fastest cell is the heavy ball's optimum, within a cell each way
"$DESCENT" map 'x^2 + 10*y^2' --start 1,1 -o momentum --over lr=0.01:1,beta=0:0.9 --log --cells 41x19 --format csv >"$tmp/map.csv" 2>&1
if awk -F, 'NR > 1 && $3 == "converged" && (best == "" || $4 < best) { best = $4; lr = $1; b = $2 }
	END { k = 10; hl = (2 / (sqrt(2) + sqrt(20)))^2; hb = ((sqrt(k) - 1) / (sqrt(k) + 1))^2
	      cell = exp(log(100) / 40); ok = lr > hl/cell && lr < hl*cell && b > hb - 0.05 && b < hb + 0.05
	      if (!ok) print "fastest " lr ", " b "; theory " hl ", " hb; exit !ok }' "$tmp/map.csv"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map momentum: fastest not at the heavy ball's optimum"
fi
check_grep "map prints gd's theory" 0 "^  fastest at lr = 2/(lmin + lmax) = 0.09091, diverges from lr = 2/lmax = 0.1$" \
	-- map 'x^2 + 10*y^2' --start 1,0.1 --over lr=0.001:0.2 --log
check_grep "map finds where gd diverges" 0 "^of 72 cells: 10 diverged (from lr = 0.1022 on), 27 not done in 1000 steps$" \
	-- map 'x^2 + 10*y^2' --start 1,0.1 --over lr=0.001:0.2 --log
check_grep "map prints momentum's theory" 0 "^  fastest at lr = 0.1154, beta = 0.2699; diverges from lr = 2(1 + beta)/lmax$" \
	-- map 'x^2 + 10*y^2' --start 1,0.1 -o momentum --over lr=0.001:0.2,beta=0:0.99 --log
check_grep "map: momentum's edge with beta fixed" 0 "^  with beta = 0.5, diverges from lr = 2(1 + beta)/lmax = 1.5$" \
	-- map 'x^2' --start 1 -o momentum --beta 0.5 --over lr=0.1:2
check_grep "map: the fixed settings in the title" 0 "^momentum (beta = 0.5) on x^2 from 1$" \
	-- map 'x^2' --start 1 -o momentum --beta 0.5 --over lr=0.1:2
check_grep "map: no theory off a quadratic" 0 "^of 1184 cells" -- map 'x^4 + y^2' --start 1,1 -o momentum --over lr=0.001:0.2,beta=0:0.9 --log
"$DESCENT" map 'x^4 + y^2' --start 1,1 -o momentum --over lr=0.001:0.2,beta=0:0.9 --log >"$tmp/out" 2>&1
if ! grep -q theory "$tmp/out" && [ "$(wc -l <"$tmp/out")" -eq 24 ] && [ -z "$(awk 'length > 80' "$tmp/out")" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map off a quadratic: theory printed, or not 80x24"; cat "$tmp/out"
fi
"$DESCENT" map 'x^2 + 10*y^2' --start 1,0.1 -o momentum --over lr=0.001:0.2,beta=0:0.99 --log >"$tmp/out" 2>&1
if [ "$(wc -l <"$tmp/out")" -eq 24 ] && [ -z "$(awk 'length > 80' "$tmp/out")" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map with its theory is not 80x24"; cat "$tmp/out"
fi
check "map without --over" 2 "" "descent map: --over is missing: which settings should the map cover? e.g. --over lr=0.001:0.2${nl}Try 'descent map --help' for more.${nl}" -- map 'x^2' --start 1
check "map: --over without a range" 2 "" "descent map: --over: 'lr': write NAME=FROM:TO, as in lr=0.001:0.1${nl}" -- map 'x^2' --start 1 --over lr
check "map: not the optimizer's parameter" 2 "" "descent map: --over: gd has no parameter beta (it uses lr)${nl}" -- map 'x^2' --start 1 --over beta=0:1
check "map: an empty range" 2 "" "descent map: the range 0.1:0.01 of --over lr is empty: the start must be below the end${nl}" -- map 'x^2' --start 1 --over lr=0.1:0.01
check "map: a learning rate of 0" 2 "" "descent map: the lr axis must stay positive, not go from 0 to 0.1${nl}" -- map 'x^2' --start 1 --over lr=0:0.1 --log
check "map: beta out of range" 2 "" "descent map: the beta axis must stay in [0, 1), not go from 0 to 1.5${nl}" -- map 'x^2' --start 1 -o momentum --over beta=0:1.5
check "map: too few cells" 2 "" "descent map: --cells '1': a map of one setting takes N cells, from 2 to 1000${nl}" -- map 'x^2' --start 1 --over lr=0.01:0.1 --cells 1
check "map: two counts for one setting" 2 "" "descent map: --cells '5x5': a map of one setting takes N cells, from 2 to 1000${nl}" -- map 'x^2' --start 1 --over lr=0.01:0.1 --cells 5x5
check "map: a bad grid" 2 "" "descent map: --cells '3x': give N or NxM cells (across by down), each from 2 to 1000${nl}" -- map 'x^2' --start 1 -o momentum --over lr=0.01:0.1,beta=0:0.5 --cells 3x
check "map: too many cells" 2 "" "descent map: --cells '2000': a map of one setting takes N cells, from 2 to 1000${nl}" -- map 'x^2' --start 1 --over lr=0.01:0.1 --cells 2000
check "map: the start's size" 2 "" "descent map: --start has 2 coordinates, but the expression has 1 variable${nl}" -- map 'x^2' --start 1,2 --over lr=0.01:0.1
check "map without --start" 2 "" "descent map: --start is missing: where should each run start? e.g. --start 1${nl}" -- map 'x^2' --over lr=0.01:0.1
check "map: a setting twice" 2 "" "descent map: --over gives lr twice${nl}" -- map 'x^2' --start 1 -o momentum --over lr=0.01:0.1,lr=0.1:1
check "map: three settings" 2 "" "descent map: --over takes two settings at most, as in lr=0.001:0.1,beta=0:0.99${nl}" -- map 'x^2' --start 1 -o adam --over lr=0.01:0.1,beta1=0:0.5,beta2=0:0.5
check "map: unknown format" 2 "" "descent map: unknown format 'xml': use plot or csv${nl}" -- map 'x^2' --start 1 --over lr=0.01:0.1 --format xml
check "map: too small" 2 "" "descent map: --size takes WIDTHxHEIGHT from 40x16 to 1000x500, as in 80x24, not '10x10'${nl}" -- map 'x^2' --start 1 --over lr=0.01:0.1 --size 10x10
check "map without an expression" 2 "" "descent map: missing the expression (or --data with --model)${nl}Try 'descent map --help' for more.${nl}" -- map --start 1 --over lr=0.01:0.1
check "map: a bad expression" 1 "" "descent: error at column 5: expected a number, a name or '(' after '+'${nl}  x^2+${nl}      ^${nl}" -- map 'x^2+' --start 1 --over lr=0.01:0.1
check "map: a bad fixed setting" 2 "" "descent map: --beta must be in [0, 1), not 2${nl}" -- map 'x^2' --start 1 -o momentum --beta 2 --over lr=0.01:0.1

# data maps: the rate across, the batch sizes down, each cell the mean of its seeds
D='x,y;0,1;1,3.1;2,4.9;3,7.2;4,8.8;5,11.1;6,13;7,14.9'
check_doc "map of data: the steps to a loss, as CSV" 0 -- map --data-inline "$D" --model 'w*x + b' --over lr=0.001:0.1 --log --steps 200 --goal 0.05 --cells 6 --format csv <<'EOF'
lr,batch,loss,steps
0.001,all,0.10358242000879496,nan
0.0025118864315095803,all,0.07724321084653869,nan
0.006309573444801934,all,0.040432766866521044,158
0.015848931924611134,all,0.01711575310381283,63
0.039810717055349734,all,0.014266356671945403,25
0.1,all,inf,inf
EOF
"$DESCENT" map --data-inline "$D" --model 'w*x + b' --over lr=0.001:0.1,batch=1:8 --log --steps 200 --cells 4 --format csv >"$tmp/dm.csv" 2>&1
if [ "$(head -n 1 "$tmp/dm.csv")" = "lr,batch,loss" ] && [ "$(wc -l <"$tmp/dm.csv")" -eq 17 ] &&
   [ "$(cut -d, -f2 "$tmp/dm.csv" | sed 1d | uniq | tr '\n' ' ')" = "1 2 4 all " ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map of data: the rows are the batch sizes 1, 2, 4, all"; cat "$tmp/dm.csv"
fi
LC_ALL=C "$DESCENT" map --data-inline "$D" --model 'w*x + b' --over lr=0.001:0.1,batch=1:8 --log --steps 200 --ascii --size 80x20 --cells 30 >"$tmp/out" 2>&1
if [ "$(wc -l <"$tmp/out")" -eq 20 ] && [ -z "$(awk 'length > 80' "$tmp/out")" ] &&
   grep -q '^final loss, at most: @ 0.02 % 0.05 # 0.1 ' "$tmp/out" &&
   grep -q '^x diverged  (mean of 3 seeds)$' "$tmp/out" &&
   grep -q '^ all+' "$tmp/out" && grep -q '^   1+' "$tmp/out" &&
   grep -q '^lowest final loss: 0.01426, at lr = 0.05298, batch all (mean of 3 seeds)$' "$tmp/out" &&
   grep -q '^of 120 cells, 15 diverged$' "$tmp/out"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: map of data: the heat map of batch sizes at 80x20"; cat "$tmp/out"
fi
check "map of data: batch before the rate" 2 "" "descent map: --over: the batch size goes down a map of the rate: lr=A:B,batch=C:D${nl}" -- map --data-inline "$D" --model 'w*x + b' --over batch=1:8
check "map of data: whole batch sizes" 2 "" "descent map: --over batch: whole sizes from 1, not 0.5:8${nl}" -- map --data-inline "$D" --model 'w*x + b' --over lr=0.01:0.1,batch=0.5:8
check "map of data: batches past the data" 2 "" "descent map: the batch sizes go from 1 up to the 8 examples, not from 1 to 16${nl}" -- map --data-inline "$D" --model 'w*x + b' --over lr=0.01:0.1,batch=1:16
check "map of data: a goal above 0" 2 "" "descent map: --goal is a loss to reach, above 0, not 0${nl}" -- map --data-inline "$D" --model 'w*x + b' --over lr=0.01:0.1 --goal 0
check "map of data: seeds" 2 "" "descent map: --seeds must be a whole number from 1 to 100, not 0${nl}" -- map --data-inline "$D" --model 'w*x + b' --over lr=0.01:0.1 --seeds 0
check "map of data: across the rate" 2 "" "descent map: a map of data goes across the learning rate: --over lr=A:B[,batch=C:D]${nl}" -- map --data-inline "$D" --model 'w*x + b' -o momentum --over beta=0:0.9
check "map of data: not down beta" 2 "" "descent map: a map of data goes across the learning rate and down the batch size: --over lr=A:B[,batch=C:D]${nl}" -- map --data-inline "$D" --model 'w*x + b' -o momentum --over lr=0.01:0.1,beta=0:0.9
check "map: a batch size needs data" 2 "" "descent map: --model, --loss, --target, --params, --init, --l2, --split and a batch size go with --data${nl}" -- map 'x^2' --start 1 --over lr=0.1:1,batch=1:4
check "map: noise needs data" 2 "" "descent map: the batch size, --noise, --seeds and --goal go with a data objective (--data with --model)${nl}" -- map 'x^2' --start 1 --over lr=0.1:1 --noise 0.1

# --- record and replay ------------------------------------------------------
R="$tmp/run.jsonl"
check_grep "run --record keeps the table" 0 "^converged" -- run 'x^2 + 10*y^2' --start 1,0.1 -o momentum --lr 0.1 --record "$R"
if [ "$(head -c 56 "$R")" = '{"format": "descent-record", "version": 1, "program": "d' ] &&
   [ "$(wc -l <"$R")" -eq 259 ] && [ "$(tail -n 1 "$R")" = '{"end": "converged", "step": 256, "reason": ""}' ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: run --record: not a header, 257 steps and an end line"; head -c 300 "$R"
fi
check_doc "replay: bit for bit" 0 -- replay "$R" <<EOF
$R, recorded by descent $(sed -n 's/^descent //p' <<V
$("$DESCENT" --version | head -n 1)
V
):
  momentum (lr = 0.1, beta = 0.9)
  on x^2 + 10*y^2, from (1, 0.1)
every step reproduced bit for bit: the point, f and |grad| of all 257 steps;
converged at step 256, as recorded
EOF
# a coordinate changed in the record: found at its step, with the difference
sed '32s/"point": \[\([-0-9.e]*\), /"point": [\1, 1/' "$R" >"$tmp/changed.jsonl"
check_grep "replay finds a changed step" 1 "^step 30 differs, the first that does: the coordinate y was " -- replay "$tmp/changed.jsonl"
sed '42s/"f": [-0-9.e]*/"f": 0.5/' "$R" >"$tmp/changed.jsonl"
check_grep "replay finds a changed f" 1 "^step 40 differs, the first that does: f was 0.5 in the record,$" -- replay "$tmp/changed.jsonl"
head -n 100 "$R" >"$tmp/cut.jsonl"
check "replay: a record cut short" 1 "" "$tmp/cut.jsonl:100:1: error: the record ends without its end line, {\"end\": ...}: it was cut short${nl}" -- replay "$tmp/cut.jsonl"
sed 's/"version": 1/"version": 2/' "$R" >"$tmp/newer.jsonl"
check "replay: a newer record" 1 "" "$tmp/newer.jsonl:1:41: error: this record is written in version 2 of the format, and this descent reads version 1 at most: update descent to read it${nl}" -- replay "$tmp/newer.jsonl"
sed '7s/"point": \[/"point": [1, /' "$R" >"$tmp/broken.jsonl"
check "replay: a broken step" 1 "" "$tmp/broken.jsonl:7:22: error: \"point\" must be an array of 2 numbers, one per variable${nl}" -- replay "$tmp/broken.jsonl"
printf '\033]0;x\007{"format": 1}\n' >"$tmp/ctrl.jsonl"
check_grep "replay: no control characters printed" 1 "ctrl.jsonl:1:1: error: " -- replay "$tmp/ctrl.jsonl"
if "$DESCENT" replay "$tmp/ctrl.jsonl" 2>&1 | grep -q "$(printf '\033')"; then
	fail=$((fail + 1)); echo "FAIL: replay printed an escape from the record"
else
	pass=$((pass + 1))
fi
check "replay: no file" 1 "" "$tmp/none.jsonl: error: cannot read it: No such file or directory${nl}" -- replay "$tmp/none.jsonl"
check "replay without a file" 2 "" "descent replay: missing the record to replay${nl}Try 'descent replay --help' for more.${nl}" -- replay
check "replay two files" 2 "" "descent replay: one record at a time${nl}Try 'descent replay --help' for more.${nl}" -- replay a b
# data, mini-batches and noise: replayed bit for bit
printf 'x,y\n0,1\n1,2.9\n2,5.2\n3,7\n4,9.1\n' >"$tmp/d.csv"
check_grep "run --record on data" 0 "^stopped at the step limit" -- run --data "$tmp/d.csv" --model 'w*x + b' --batch 2 --noise 0.1 --seed 7 -o adam --lr 0.01 --steps 300 --record "$R"
check_grep "replay: data, mini-batches, noise" 0 "^every step reproduced bit for bit: the point, f and |grad| of all 301 steps;$" -- replay "$R"
# a record that cannot be written leaves nothing, and says so
check "run --record into no directory" 1 "" "descent run: cannot write the record $tmp/no/run.jsonl: No such file or directory${nl}" -- run 'x^2' --start 1 --record "$tmp/no/run.jsonl"

# --- analyze -------------------------------------------------------------

check_doc "analyze double well" 0 -- analyze 'x^4 - 8x^2 + 5' --x -3:3 <<'EOF'
f = x^4 - 8*x^2 + 5
df/dx = 4*x^3 - 16*x
d2f/dx2 = 12*x^2 - 16

critical points in [-3, 3]: 3
  (conclusive: 400 starts found no point that 200 missed)
           x            f  kind               f''
          -2          -11  minimum (global)  32
           0            5  maximum           -16
           2          -11  minimum (global)  32

convexity on [-3, 3]: not convex
  on a grid of 401 points, f'' is
    positive definite      at 248 points
    negative definite      at 153 points
  between p = 1.5 and q = -1.5 the function rises above its chord:
  with a = 0.5, f(a*p + (1-a)*q) = 5 > a*f(p) + (1-a)*f(q) = -7.9375
EOF
check_doc "analyze saddle" 0 -- analyze 'x^2 - y^2' --x -1:1 --y -1:1 --grid 5 <<'EOF'
f = x^2 - y^2
df/dx = 2*x
d2f/dx2 = 2
d2f/dxdy = 0
df/dy = -2*y
d2f/dy2 = -2

critical points in [-1, 1] x [-1, 1]: 1
  (conclusive: 48 x 48 starts found no point that 24 x 24 missed)
           x           y            f  kind               eigenvalues
           0           0            0  saddle            -2, 2

convexity on [-1, 1] x [-1, 1]: not convex
  on a 5x5 grid, the Hessian is
    indefinite             at 25 points
  between p = (0, 0.5) and q = (0, -0.5) the function rises above its chord:
  with a = 0.5, f(a*p + (1-a)*q) = 0 > a*f(p) + (1-a)*f(q) = -0.25
EOF
check_doc "analyze quadratic bowl" 0 -- analyze 'x^2 + 10*y^2' --grid 3 <<'EOF'
f = x^2 + 10*y^2
df/dx = 2*x
d2f/dx2 = 2
d2f/dxdy = 0
df/dy = 20*y
d2f/dy2 = 20

critical points in [-5, 5] x [-5, 5]: 1
  (conclusive: 48 x 48 starts found no point that 24 x 24 missed)
           x           y            f  kind               eigenvalues
           0           0            0  minimum (global)  2, 20

convexity on [-5, 5] x [-5, 5]: convex
  on a 3x3 grid, the Hessian is
    positive definite      at 9 points
  (a grid shows where it looked: convex there, not a proof)

a quadratic bowl (the same Hessian at the middle and corners of the
region), eigenvalues lmin = 2 and lmax = 20, condition k = 10
  gradient descent converges for lr < 0.1 = 2/lmax
    and is fastest at lr = 0.0909091 = 2/(lmin + lmax)
  momentum is fastest at lr = 0.115443 = (2/(sqrt(lmin) + sqrt(lmax)))^2
    and beta = 0.269874 = ((sqrt(k) - 1)/(sqrt(k) + 1))^2;
    with beta in [0, 1), it converges for lr < 2(1 + beta)/lmax = 0.1(1 + beta)
EOF
check_grep "analyze 1-D quadratic bowl" 0 "and is fastest at lr = 0.166667 = 1/f'', one step to the minimum" \
	-- analyze '3x^2 - 2x + 1'
# the man page's figures: 84 steps at gd's best rate, 32 for momentum's optimum
check_grep "gd at 2/(lmin + lmax)" 0 "converged at step 84 to a minimum" \
	-- run 'x^2 + 10*y^2' --lr 0.0909091 --start 1,1
check_grep "momentum at its optimum" 0 "converged at step 32 to a minimum" \
	-- run 'x^2 + 10*y^2' --optimizer momentum --lr 0.115443 --beta 0.269874 --start 1,1
check_doc "analyze: undefined everywhere is no verdict" 0 -- analyze 'sqrt(-x^2-1)' --grid 5 <<'EOF'
f = sqrt(-x^2 - 1)
df/dx = -2*x/(2*sqrt(-x^2 - 1))
d2f/dx2 = (-4*sqrt(-x^2 - 1) + 4*x*(-2*x/(2*sqrt(-x^2 - 1))))/(2*sqrt(-x^2 - 1))^2

critical points in [-5, 5]: 0
  (conclusive: 400 starts found no point that 200 missed)

convexity on [-5, 5]: undefined on the region
  on a grid of 5 points, f'' is
    not finite             at 5 points
  f or its derivatives are nan (undefined) at 5 of 5 points
  (too few finite values to tell whether it is convex)
EOF
check_grep "analyze: an overflow is no verdict" 0 \
	'^convexity on \[-1e+300, 1e+300\]: could not be decided (values overflow)$' -- \
	analyze 'x^4' --x -1e300:1e300
check_grep "analyze: an overflow is no verdict, 2D" 0 \
	'^convexity on .*: could not be decided (values overflow)$' -- \
	analyze 'x^2 + y^2' --x -1e300:1e300 --y -1e300:1e300 --grid 11
check_grep "analyze: the overflow counted" 0 \
	'overflow to an infinity at 400 of 401 points' -- analyze 'x^4' --x -1e300:1e300
check_grep "analyze Himmelblau" 0 "critical points in \[-5, 5\] x \[-5, 5\]: 9" -- analyze '(x^2+y-11)^2 + (x+y^2-7)^2'
check_grep "analyze three variables" 0 "searched for functions of 1 or 2 variables; this one has 3" -- analyze 'x*y*z'
check "analyze bad range" 2 "" "descent analyze: --x takes a range A:B, as in -5:5, not '3'${nl}" -- analyze 'x^2' --x 3
check "analyze empty range" 2 "" "descent analyze: the range 3:1 of --x is empty: the start must be below the end${nl}" -- analyze 'x^2' --x 3:1
check "plot empty range" 2 "" "descent plot: the range 3:1 of --y is empty: the start must be below the end${nl}" -- plot 'x^2+y^2' --y 3:1
check "play bad range" 2 "" "descent play: --x takes a range A:B, as in -5:5, not '3'${nl}" -- play 'x^2' --x 3
check "play empty range" 2 "" "descent play: the range 3:1 of --x is empty: the start must be below the end${nl}" -- play 'x^2' --x 3:1
check "analyze y for 1D" 2 "" "descent analyze: --y: the expression has one variable${nl}" -- analyze 'x^2' --y 0:1

# --- plot ------------------------------------------------------------------

check "plot size" 2 "" "descent plot: --size takes WIDTHxHEIGHT from 20x8 to 1000x500, as in 80x24, not '10x5'${nl}" -- plot 'x^2' --size 10x5
check "plot three variables" 2 "" "descent plot: a plot shows a function of 1 or 2 variables; this one has 3${nl}" -- plot 'x*y*z'
check "plot tangent in 2D" 2 "" "descent plot: --tangent is for functions of one variable${nl}" -- plot 'x*y' --tangent 1
check "plot trajectory without start" 2 "" "descent plot: --trajectory needs --start${nl}" -- plot 'x^2' --trajectory gd
check "plot start without trajectory" 2 "" "descent plot: --start goes with --trajectory${nl}" -- plot 'x^2' --start 1
check "plot unknown optimizer" 2 "" "descent plot: --trajectory: unknown optimizer 'foo': use gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, lbfgs or cg${nl}" -- plot 'x^2' --trajectory foo --start 1
check "plot foreign parameter" 2 "" "descent plot: --trajectory: gd has no parameter beta (it uses lr)${nl}" -- plot 'x^2' --trajectory gd,beta=0.9 --start 1
check "plot negative lr" 2 "" "descent plot: --trajectory: lr must be positive, not -1${nl}" -- plot 'x^2' --trajectory gd,lr=-1 --start 1
check "plot beta range" 2 "" "descent plot: --trajectory: beta must be in [0, 1), not 1${nl}" -- plot 'x^2' --trajectory momentum,beta=1 --start 1
check "play negative lr" 2 "" "descent play: --lr must be positive, not -0.1${nl}" -- play 'x^2' --lr -0.1
check "play unknown optimizer" 2 "" "descent play: unknown optimizer 'foo': use gd, momentum, nesterov, adagrad, rmsprop, adam, newton, bfgs, lbfgs or cg${nl}" -- play 'x^2' -o foo
check "plot levels" 2 "" "descent plot: --levels takes auto, linear or log, not 'cubic'${nl}" -- plot 'x*y' --levels cubic
check "plot mark" 2 "" "descent plot: --mark takes 'critical', not 'minima'${nl}" -- plot 'x^2' --mark minima
check "plot shade in 1D" 2 "" "descent plot: --contours, --levels and --shade are for functions of two variables${nl}" -- plot 'x^2' --shade
check "plot color" 2 "" "descent plot: --color takes auto, always or never, not 'sometimes'${nl}" -- plot 'x^2' --color=sometimes
check "plot contours" 2 "" "descent plot: --contours must be a whole number from 1 to 16, not 40${nl}" -- plot 'x*y' --contours 40
check "plot arrow without trajectory" 2 "" "descent plot: --arrow goes with --trajectory${nl}" -- plot 'x^2' --arrow
check "plot two overlays" 2 "" "descent plot: --basins, --convexity and --shade all shade the plot: one at a time${nl}" -- plot 'x*y' --basins --convexity
check "plot bad expression" 1 "" "descent: error at column 3: expected a number, a name or '(' after '+'${nl}  x+${nl}    ^${nl}" -- plot 'x+'
check_grep "plot color always" 0 "$(printf '\033')\\[" -- plot 'x^2' --color=always --size 40x12
if NO_COLOR=1 "$DESCENT" plot 'x^2' --size 40x12 | grep -q "$(printf '\033')"; then
	fail=$((fail + 1)); echo "FAIL: plot NO_COLOR printed an escape"
else
	pass=$((pass + 1))
fi
check_grep "plot default size" 0 "" -- plot 'x^2'
# found by fuzz-cmd: f is -2 give or take rounding, its y range tiny next to
# its ticks, whose rows overflowed an int (UBSan)
check_grep "plot of a constant up to rounding" 0 "^ *-2.0+" -- plot 'x - 2 + -x' --ascii --size 40x10
if [ "$("$DESCENT" plot 'x^2' | wc -l)" -eq 24 ] && [ "$("$DESCENT" plot 'x^2' --size 100x30 | wc -l)" -eq 30 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: plot is not 80x24 by default off a terminal, or --size is not kept"
fi
if [ "$(LC_ALL=C "$DESCENT" plot 'x^2' | LC_ALL=C grep -c '[^ -~]')" -eq 0 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: plot in the C locale is not pure ASCII"
fi

# the loss curve under the table, on a log axis (f and |grad| both fall
# over decades), in ASCII off a UTF-8 locale
LC_ALL=C "$DESCENT" run 'x^2' --start 1 --lr 0.2 -n 10 --plot | tail -19 >"$tmp/plot"
if grep -q '^- f  \* |grad|  (log scale)$' "$tmp/plot" && grep -q '^ *0.001+' "$tmp/plot" &&
   [ "$(LC_ALL=C grep -c '[^ -~]' "$tmp/plot")" -eq 0 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: run --plot"; sed 's/^/  | /' "$tmp/plot"
fi
check "run plot with csv" 2 "" "descent run: --plot goes with the table format${nl}" -- run 'x^2' --start 1 --plot --format csv

# --- lessons and learn --------------------------------------------------------

# a state directory of our own for these tests
XDG_STATE_HOME="$tmp/state"
export XDG_STATE_HOME
L="$top_srcdir/tests/course"
check_grep "lessons lists the course" 0 "^  1  objective  " -- lessons --lessons-only "$L"
check_grep "lessons: a new course" 0 " new$" -- lessons --lessons-only "$L"
tab=$(printf '\t')
check "lessons --ids: a line a chapter, its number, id and title, for completion" 0 \
	"1${tab}objective${tab}Objective, loss and cost${nl}2${tab}critical-points${tab}Critical points: minima, maxima, saddles${nl}" "" \
	-- lessons --ids --lessons-only "$L"
check "lessons --ids alone" 2 "" "descent lessons: --check, --key, --reset and --ids: one at a time${nl}" \
	-- lessons --ids --key --lessons-only "$L"
check "run --list-optimizers: the table's names, for completion" 0 \
	"gd${nl}momentum${nl}nesterov${nl}adagrad${nl}rmsprop${nl}adam${nl}newton${nl}bfgs${nl}lbfgs${nl}cg${nl}" "" \
	-- run --list-optimizers
check_grep "run --list-optimizers takes no expression" 2 "takes no expression" -- run --list-optimizers 'x^2'
check "--list-commands: the commands, for completion" 0 \
	"eval${nl}diff${nl}run${nl}map${nl}replay${nl}analyze${nl}plot${nl}learn${nl}lessons${nl}play${nl}" "" \
	-- --list-commands
check "--list-options: the global options" 0 "--help${tab}-h${nl}--version${tab}-V${nl}--ascii${nl}" "" \
	-- --list-options
check "--list-commands takes nothing else" 2 "" "descent: unknown option '--list-commands'${nl}Try 'descent --help' for the commands.${nl}" \
	-- --list-commands run
check "eval --list-options" 0 "--help${tab}-h${nl}--version${tab}-V${nl}" "" -- eval --list-options
check "diff --list-options: =, and the short forms" 0 \
	"--wrt=${tab}-w${nl}--hessian${tab}-H${nl}--program${tab}-p${nl}--model=${tab}-m${nl}--help${tab}-h${nl}--version${tab}-V${nl}" "" \
	-- diff --list-options
check_grep "map --list-options: an optional value" 0 "^--color\[=\]$" -- map --list-options
check_grep "run --list-options: the optimizer's settings" 0 "^--beta1=$" -- run --list-options
check_grep "run --list-options: the data options" 0 "^--split=$" -- run --list-options
check_grep "plot --list-options: the expression's" 0 "^--trajectory=$" -- plot --list-options
check_grep "plot --data --list-options: the data mode's" 0 "^--slice=$" -- plot --data --list-options
check_grep "analyze --data --list-options" 0 "^--census=$" -- analyze --data --list-options
check_grep "play --data --list-options" 0 "^--schedule=$" -- play --data --list-options
check_grep "lessons --list-options" 0 "^--ids$" -- lessons --list-options
check_grep "learn --list-options" 0 "^--lessons-only=$" -- learn --list-options
check_grep "--list-options before the last argument is not the listing" 2 \
	"unknown option '--list-options'" -- eval --list-options x
check_grep "lessons --check proves the course" 0 "^2 chapters, 22 pages, .* claims: all proved; 6 questions: 3 verified by the engine, 3 not verifiable$" -- lessons --check --lessons-only "$L"
# every --help fits 80 columns
for c in eval diff run map replay analyze plot learn lessons play; do
	if [ -z "$("$DESCENT" $c --help | awk 'length > 80')" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: descent $c --help has lines wider than 80 columns"
	fi
done
check_grep "lessons --check DIR checks the files in it" 0 "^2 chapters, 22 pages, .* claims: all proved; 6 questions: 3 verified by the engine, 3 not verifiable$" -- lessons --check "$L"
# a FIFO (or a directory) named *.json is refused at once, not read forever
F="$tmp/fifo"
mkdir -p "$F"
cp "$L/01-objective.json" "$F/"
mkfifo "$F/x.json" "$F/d.csv"
before="timeout 10"
check "lessons --check refuses a FIFO" 1 "2 chapters checked: 1 broken, 0 with wrong claims; 1 error${nl}" "$F/x.json: error: cannot read the file: not a regular file (a FIFO)${nl}" -- lessons --check "$F"
check "lessons --check FIFO" 1 "1 chapter checked: 1 broken, 0 with wrong claims; 1 error${nl}" "$F/x.json: error: cannot read the file: not a regular file (a FIFO)${nl}" -- lessons --check "$F/x.json"
check_grep "lessons --lessons leaves a FIFO out" 0 "^descent: $F/x.json is left out: see descent lessons --check$" -- lessons --lessons-only "$F"
DESCENT_LESSONS="$F"
export DESCENT_LESSONS
check_grep "lessons leaves a FIFO of DESCENT_LESSONS out" 0 "^descent: $F/x.json is left out: see descent lessons --check$" -- lessons
unset DESCENT_LESSONS
check "run --data refuses a FIFO" 1 "" "$F/d.csv: error: cannot read the file: not a regular file (a FIFO)${nl}" -- run --data "$F/d.csv" --model 'w0 + w1*x'
check "run --data refuses a directory" 1 "" "$F: error: cannot read the file: not a regular file (a directory)${nl}" -- run --data "$F" --model 'w0 + w1*x'
before=
mkdir -p "$tmp/empty"
check "lessons --check of a directory without lessons" 1 "" "descent: no *.json files in $tmp/empty${nl}" -- lessons --check "$tmp/empty"
# the answer key: a line a question, right and wrong answers the pages' judges agree with
check "lessons --key" 0 "objective${tab}4${tab}quiz${tab}1${tab}2${nl}objective${tab}6${tab}numeric${tab}0.055556${tab}1.112112${nl}objective${tab}9${tab}quiz${tab}3${tab}1${nl}critical-points${tab}7${tab}quiz${tab}3${tab}1${nl}critical-points${tab}8${tab}locate${tab}-1.0000000000001377,0${tab}-2.5,-2${nl}critical-points${tab}11${tab}challenge${tab}gd 0.004336244396414018${tab}gd 0.001${nl}" "" -- lessons --key --lessons-only "$L"
check "lessons --key FILE" 0 "tutorial${tab}3${tab}numeric${tab}2${tab}1${nl}tutorial${tab}4${tab}formula${tab}2*x - 2${tab}2*x${nl}" "" -- lessons --key "$top_srcdir/lessons/examples/tutorial.json"
check "lessons --key of a question without an answer" 1 "" "$top_srcdir/tests/lessons-bad/challenge-preset-wins.json:7:5: error: page 1: no answer key: the engine finds no answer that the page judges right and one it judges wrong; descent lessons --check says why${nl}" -- lessons --key "$top_srcdir/tests/lessons-bad/challenge-preset-wins.json"
check "lessons --key and --check" 2 "" "descent lessons: --check, --key, --reset and --ids: one at a time${nl}" -- lessons --key --check
check "lessons --key of a directory without lessons" 1 "" "descent: no *.json files in $tmp/empty${nl}" -- lessons --key "$tmp/empty"
check_grep "learn prints a chapter" 0 "^== Page 1 of 12: " -- learn --lessons-only "$L" critical-points
check_grep "learn by number" 0 "^Chapter 1: Objective" -- learn --lessons-only "$L" 1
check_grep "learn from a page" 0 "^== Page 7 of 12: Reading the Hessian ==$" -- learn --lessons-only "$L" critical --page 7
check_grep "learn without a terminal does not ask" 0 "^(Answer it in a terminal: descent learn critical-points --page 7)$" -- learn --lessons-only "$L" critical --page 7
check "learn unknown chapter" 1 "" "descent: no chapter \"nope\": see descent lessons${nl}" -- learn --lessons-only "$L" nope
check "learn page out of range" 2 "" "descent learn: --page must be from 1 to 12${nl}" -- learn --lessons-only "$L" critical --page 13
check "lessons files without check" 2 "" "descent lessons: files go with --check or --key${nl}Try 'descent lessons --help' for more.${nl}" -- lessons a.json
check "lessons reset needs yes" 2 "" "descent lessons: --reset forgets all your progress: confirm with --yes${nl}" -- lessons --reset
if LC_ALL=C "$DESCENT" learn --lessons-only "$L" objective | LC_ALL=C grep -q '[^ -~]'; then
	fail=$((fail + 1)); echo "FAIL: learn in the C locale is not pure ASCII"
else
	pass=$((pass + 1))
fi
for c in objective critical; do
	LC_ALL=C.UTF-8 "$DESCENT" learn --lessons-only "$L" "$c" >"$tmp/u8" 2>&1
	LC_ALL=C.UTF-8 "$DESCENT" learn --lessons-only "$L" "$c" --ascii >"$tmp/ascii" 2>&1
	if LC_ALL=C grep -q '[^ -~]' "$tmp/u8" && ! LC_ALL=C grep -q '[^ -~]' "$tmp/ascii" &&
	   [ "$(grep -c '^== Page' "$tmp/u8")" -eq "$(grep -c '^== Page' "$tmp/ascii")" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: learn $c --ascii in a UTF-8 locale is not the same pages in ASCII"
	fi
done
check_grep "learn: a run that stops on a saddle says so" 0 '^gd,lr=0.1: converged at step 67 to a saddle point, at' -- learn --lessons-only "$L" critical --page 5 --progress "$tmp/p5.json"
check_grep "run: the same words" 0 '^converged at step 66 to a saddle point: |grad|' -- run 'x^2 - y^2' --start 1,0 --lr 0.1
check_grep "learn: a plot page draws its chord and its tangent, keyed" 0 '^o min  ^ max  A-B chord  + tangent at x = 1$' -- learn --lessons-only "$L" critical --page 2 --progress "$tmp/p2.json"
check_grep "learn: a plot page draws the contour levels its text names" 0 '^contours at -3 -1 0 1 3$' -- learn --lessons-only "$L" critical --page 4 --progress "$tmp/p4.json"
check_grep "learn: a descent's outcome in words" 0 '^gd,lr=0.1: converged at step 527 to a minimum, at (-0.16667, 2), f = 0.0555556$' -- learn --lessons-only "$L" objective --page 7 --progress "$tmp/p7.json"
check_grep "learn: a divergence in words" 0 '^gd,lr=0.2: diverged at step 39 (left the view at step 1): |f| is beyond 1e+08$' -- learn --lessons-only "$L" objective --page 8 --progress "$tmp/p7.json"
# a figure shows the page's region, x in [-3, 3] here, not widened to square units
if LC_ALL=C "$DESCENT" learn --lessons-only "$L" objective --page 7 --progress "$tmp/p7.json" |
   sed -n '/^== Page 7/,/^== Page 8/p' | grep -Eq '^ +-2 +0 +2$'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: learn objective --page 7: the figure is not of x in [-3, 3]"
fi
check "--ascii alone" 2 "" "descent: --ascii takes no arguments; for a chapter, use descent learn --ascii CHAPTER${nl}" -- --ascii critical
# answering: a wrong answer, a hint, the right answer; recorded with mode 0600
rm -rf "$tmp/state"
printf '1\nh\n3\n' | "$DESCENT" learn --lessons-only "$L" critical --page 7 --ask >"$tmp/out" 2>&1
if grep -q "^Your answer (1-4; h hint, s skip, q quit): Not quite\\." "$tmp/out" &&
   grep -q "Right\\." "$tmp/out" && [ -f "$tmp/state/descent/progress.json" ] &&
   [ "$(stat -c %a "$tmp/state/descent/progress.json")" = 600 ] &&
   grep -q '"attempts":2,"correct":true,"hints":1' "$tmp/state/descent/progress.json"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: learn --ask does not judge and record answers"
	sed 's/^/  | /' "$tmp/out"; cat "$tmp/state/descent/progress.json" 2>/dev/null
fi
# a quiz with one right choice takes one number; a wrong pick says what it reveals
printf '3,4\n4\n3\n' | "$DESCENT" learn --lessons-only "$L" critical --page 7 --ask \
	--progress "$tmp/quiz1.json" >"$tmp/out" 2>&1
for want in 'One choice is right: give one number, from 1 to 4\.' \
	'Not quite\. The test is silent only when an eigenvalue is 0; here both are' 'Right\.'; do
	if grep -q "$want" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: learn --ask, one-answer quiz: no line matches /$want/"
		sed 's/^/  | /' "$tmp/out"
	fi
done
check_grep "lessons shows the progress" 0 "^  2  critical-points .*/12 pages, 1/3 right$" -- lessons --lessons-only "$L"
# (bytes, which are at least the characters)
if [ -z "$("$DESCENT" lessons --lessons-only "$L" | awk 'length > 80')" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: lessons rows with progress are wider than 80 columns"
fi
for c in objective critical-points; do
	for w in 64 40; do
		if [ -z "$(LC_ALL=C "$DESCENT" learn --lessons-only "$L" --progress "$tmp/wide.json" "$c" --width $w | awk -v w=$w 'length > w')" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: learn $c --width $w has lines wider than $w"
		fi
	done
done
check_grep "lessons says where you left off" 0 "^you left off in critical-points, page 8: descent learn critical-points$" -- lessons --lessons-only "$L"
before="env DESCENT_LESSONS=$L"
check_grep "descent resumes where you left off" 0 "^== Page 8 of 12: " --
before=
check "lessons reset" 0 "Your progress is forgotten.${nl}" "" -- lessons --reset --yes
[ -f "$tmp/state/descent/progress.json" ] && { fail=$((fail + 1)); echo "FAIL: reset kept the file"; } || pass=$((pass + 1))
# the lesson search path: --lessons adds a teacher's directory before the
# course, where its chapter of the same id shadows the course's
# (the course's directory as the program names it: the source tree's)
C=$("$DESCENT" lessons --progress "$tmp/sp0.json" | sed -n '1s/^[0-9]* chapters in //p')
K=$("$DESCENT" lessons --progress "$tmp/sp0.json" | sed -n '1s/ chapters in .*//p')
K1=$((K + 1))
mkdir -p "$tmp/teach" "$tmp/xdg/descent/lessons" "$tmp/sys/descent/lessons"
sed 's/"title": "Convex sets and convex functions"/"title": "Convexity, our way"/' \
	"$C/03-convexity.json" >"$tmp/teach/03-convexity.json"
printf '{"id": "extra", "title": "Extra", "order": 99, "summary": "s", "pages": [{"kind": "text", "body": "An extra page."}]}\n' >"$tmp/teach/99-extra.json"
check_grep "--lessons adds to the course" 0 "^$K1 chapters in $tmp/teach and $C$" \
	-- lessons --lessons "$tmp/teach" --progress "$tmp/sp.json"
check_grep "--lessons: its chapter is taken" 0 "^  3  convexity          Convexity, our way " \
	-- lessons --lessons "$tmp/teach" --progress "$tmp/sp.json"
check_grep "--lessons: the course's is listed as shadowed" 0 \
	"^     shadowed: $C/03-convexity.json (by $tmp/teach/03-convexity.json)$" \
	-- lessons --lessons "$tmp/teach" --progress "$tmp/sp.json"
check_grep "learn N: the chapter the map calls N, and so does its header" 0 "^Chapter $K1: Extra$" \
	-- learn --lessons "$tmp/teach" --progress "$tmp/sp.json" $K1
check_grep "learn N: and its end says the same number" 0 "^End of chapter $K1\.$" \
	-- learn --lessons "$tmp/teach" --progress "$tmp/sp.json" $K1
check_grep "--lessons-only: those alone" 0 "^2 chapters in $tmp/teach$" \
	-- lessons --lessons-only "$tmp/teach" --progress "$tmp/sp.json"
check_grep "the course's own directory given: once" 0 "^$K chapters in $C$" \
	-- lessons --lessons "$C" --lessons "$C/../lessons" --progress "$tmp/sp.json"
check "--lessons-only: a directory that is not" 1 "" \
	"$tmp/none: error: cannot read the lessons' directory${nl}" \
	-- lessons --lessons-only "$tmp/none" --progress "$tmp/sp.json"
check_grep "--lessons and --lessons-only do not mix" 2 "give one of them" \
	-- lessons --lessons "$tmp/teach" --lessons-only "$tmp/teach"
cp "$tmp/teach/99-extra.json" "$tmp/xdg/descent/lessons/"
before="env XDG_DATA_HOME=$tmp/xdg"
check_grep "XDG_DATA_HOME/descent/lessons is searched" 0 "^$K1 chapters in $tmp/xdg/descent/lessons and $C$" \
	-- lessons --progress "$tmp/sp.json"
before="env XDG_DATA_DIRS=$tmp/nothing:$tmp/sys"
cp "$tmp/teach/99-extra.json" "$tmp/sys/descent/lessons/"
check_grep "XDG_DATA_DIRS: descent/lessons under each" 0 "^$K1 chapters in $tmp/sys/descent/lessons and $C$" \
	-- lessons --progress "$tmp/sp.json"
before="env DESCENT_LESSONS=$tmp/nothing:$tmp/teach"
check_grep "DESCENT_LESSONS: its directories first" 0 "^  3  convexity          Convexity, our way " \
	-- lessons --progress "$tmp/sp.json"
before=
# page ids: a teacher inserts a page before an answered question, and the
# learner's answer stays with its question
mkdir -p "$tmp/ids"
ids_chapter() {
	{
		printf '{"id": "ids", "title": "Ids", "order": 1, "summary": "s", "pages": [\n'
		[ "$1" = new ] && printf '{"kind": "text", "id": "added", "body": "New."},\n'
		printf '{"kind": "text", "id": "intro", "body": "b"},\n'
		printf '{"kind": "numeric", "id": "two", "question": "1 + 1?", "answer": 2}]}\n'
	} >"$tmp/ids/ids.json"
}
ids_chapter old
printf '2\n' | "$DESCENT" learn --lessons-only "$tmp/ids" ids --page 2 --ask \
	--progress "$tmp/ids.progress" >/dev/null 2>&1
check_grep "page ids: the answer recorded" 0 "^  1  ids .* 1/2 pages, 1/1 right$" \
	-- lessons --lessons-only "$tmp/ids" --progress "$tmp/ids.progress"
ids_chapter new
check_grep "page ids: a page inserted, the answer stays with its question" 0 \
	"^  1  ids .* 1/3 pages, 1/1 right$" -- lessons --lessons-only "$tmp/ids" --progress "$tmp/ids.progress"
# a corrupted progress file is kept aside, with one warning
mkdir -p "$tmp/state/descent"
echo 'not json' >"$tmp/state/descent/progress.json"
"$DESCENT" lessons --lessons-only "$L" >/dev/null 2>"$tmp/err"
if grep -q "progress.json was unreadable; kept as progress.json.bad-" "$tmp/err" &&
   ls "$tmp/state/descent/" | grep -q '^progress.json.bad-'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: a corrupted progress file"; cat "$tmp/err"
fi
unset XDG_STATE_HOME

# --- hostile lesson files: nothing they say reaches the terminal raw ----------------------------
esc=$(printf '\033')
mkdir -p "$tmp/hostile"
printf '{"id": "evil", "title": "Evil", "order": 1, "summary": "s", "pages": [{"kind": "text", "body": "b", "bogus\\u001b[31m": 1}]}' \
	>"$tmp/hostile/evil.json"
printf '{"id": "good", "title": "Good \\u001b]0;PWNED\\u0007 \\u009b2J", "order": 2, "summary": "s", "pages": [{"kind": "text", "body": "b"}]}' \
	>"$tmp/hostile/good.json"
printf '{"id":' >"$tmp/hostile/x${esc}[2Jy.json"
# check_raw NAME PATTERN -- ARGS...: no ESC, BEL or CSI byte in the output, and PATTERN in it
check_raw() {
	name=$1 pattern=$2
	shift 3
	"$DESCENT" "$@" >"$tmp/out" 2>&1
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$tmp/out" || LC_ALL=C grep -q "$(printf '\302\233')" "$tmp/out" ||
	    ! grep -q -- "$pattern" "$tmp/out"; then
		fail=$((fail + 1))
		echo "FAIL: $name (descent $*): a control character reached the output, or no '$pattern'"
		sed 's/^/  | /' "$tmp/out" | cat -v
	else
		pass=$((pass + 1))
	fi
}
check_raw "lessons --check: a member's name is shown escaped" 'unknown member "bogus^\[\[31m"' -- \
	lessons --check "$tmp/hostile/evil.json"
check_raw "lessons --check: a file's name is shown escaped" 'x^\[\[2Jy.json:1:7: error' -- \
	lessons --check "$tmp/hostile"
check_raw "lessons: a title is shown escaped" 'Good ^\[\]0;PWNED^G <U+009B>2J' -- \
	lessons --lessons-only "$tmp/hostile" --progress "$tmp/hostile-p.json"
check_raw "lessons: a broken file's name is shown escaped" 'x^\[\[2Jy.json is left out' -- \
	lessons --lessons-only "$tmp/hostile" --progress "$tmp/hostile-p.json"
check_raw "learn --plain: a title is shown escaped, as everywhere" 'Chapter 1: Good ^\[\]0;PWNED^G <U+009B>2J' -- \
	learn good --plain --lessons-only "$tmp/hostile" --progress "$tmp/hostile-p.json"

# --- listing the lessons creates no state directory ----------------------------------------------
if XDG_STATE_HOME="$tmp/fresh-state" "$DESCENT" lessons >/dev/null 2>&1 && [ ! -e "$tmp/fresh-state" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: descent lessons made the state directory $tmp/fresh-state"
fi

# --- a minimum is global only if no point of the region is lower, edges included -----------------
check_grep "analyze: a minimum below an edge is local" 0 '^ *1 *-2  minimum (local) ' -- analyze 'x^3 - 3*x'
check_grep "analyze: the lower of two minima is global, the other local" 0 \
	'^ *-1.05745 *-1.51475  minimum (global)' -- analyze 'x^4 - 2*x^2 + 0.5*x' --x -2:2
check_grep "analyze: the higher of two minima is local" 0 '^ *0.9[0-9]* *-0.5[0-9]*  minimum (local)' -- \
	analyze 'x^4 - 2*x^2 + 0.5*x' --x -2:2

# --- write errors --------------------------------------------------------

# --- analyze: a search that finds them all, and says when it cannot ------
rastrigin='20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)'
check_grep "analyze Rastrigin: all 441" 0 'critical points in \[-5, 5\] x \[-5, 5\]: 441$' -- \
	analyze "$rastrigin"
check_grep "analyze Rastrigin: conclusive" 0 \
	'^  (conclusive: 176 x 176 starts found no point that 88 x 88 missed)$' -- analyze "$rastrigin"
check_grep "analyze Rastrigin: (0, 0) is the global minimum" 0 \
	'^ *0 *0 *0  minimum (global)  ' -- analyze "$rastrigin"
# 11 x 11 minima (one global), 10 x 10 maxima, 2 x 11 x 10 saddles
"$DESCENT" analyze "$rastrigin" >"$tmp/r" 2>&1
for kv in 'minimum (global):1' 'minimum (local):120' 'maximum:100' 'saddle:220'; do
	k=${kv%:*} v=${kv##*:}
	got=$(grep -c "  $k " "$tmp/r")
	if [ "$got" -eq "$v" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: analyze Rastrigin: $v rows of '$k' wanted, got $got"
	fi
done
check_grep "analyze Rastrigin from 2 starts: the probe still asks for 88" 0 \
	'^  (conclusive: 256 x 256 starts found no point that 128 x 128 missed)$' -- \
	analyze "$rastrigin" --starts 2
check_grep "analyze sin on [-1000, 1000]: all 636" 0 'critical points in \[-1000, 1000\]: 636$' -- \
	analyze 'sin(x)' --x -1000:1000
check_grep "analyze sin on [-1000, 1000]: conclusive" 0 \
	'^  (conclusive: 5096 starts found no point that 2548 missed)$' -- analyze 'sin(x)' --x -1000:1000
check_grep "analyze: a line of critical points is not conclusive" 0 \
	'^  (not conclusive: each denser grid found new points, up to 512 x 512 starts,$' -- \
	analyze '(x-y)^2'
check_grep "analyze: too fast an oscillation is not conclusive" 0 \
	'^  299420 in all, until the size cap; a narrower region helps)$' -- analyze 'sin(x)' --x -1e6:1e6
check_grep "analyze: not conclusive, so no minimum is called global" 0 \
	'^ *-[0-9]* *-1  minimum (global?) 1$' -- analyze 'sin(x)' --x -1e6:1e6
check "analyze --starts too many" 2 "" "descent analyze: --starts must be a whole number from 2 to 131072, not 131073${nl}" -- \
	analyze 'x^2' --starts 131073

# --- a run that leaves the view stays in the plot ---------------------------
# in colour and braille the trail is a line of dots: clipped to the plot
# area, not to the whole figure (it painted over the caption and labels)
"$DESCENT" plot 'x^2+y^2' --trajectory gd,lr=1.5 --start 1,1 --steps 30 --unicode \
	--size 60x16 --color=always | sed 's/\x1b\[[0-9;]*m//g' >"$tmp/div" 2>&1
for want in '1:f(x, y) = x^2+y^2' '14:        -10                    0                    10' \
	'16:* gd,lr=1.5  S start  @ end  ↓ left view'; do
	row=${want%%:*} text=${want#*:}
	if [ "$(sed -n "${row}p" "$tmp/div")" = "$text" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: a diverging run in colour: row $row is not '$text'"
		sed 's/^/  | /' "$tmp/div"
	fi
done
if grep -q '^ -5+.*↓' "$tmp/div"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: a diverging run ends in an arrow on the edge it crossed, pointing down"
fi

# --- racers told apart: each its glyph, in its colour; contours in greys ---------
"$DESCENT" plot '(1-x)^2+100*(y-x^2)^2' --x -2:2 --y -1:3 --unicode --size 70x18 --levels log \
	--trajectory gd,lr=0.001 --trajectory momentum,lr=0.001,beta=0.9 --start -1.5,2 \
	--color=always >"$tmp/race" 2>&1
esc=$(printf '\033')
if [ "$(tail -n 1 "$tmp/race")" = "${esc}[0;1;31m*${esc}[0m gd,lr=0.001  ${esc}[0;1;36m&${esc}[0m momentum,lr=0.001,beta=0.9  S start  @ end" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: a race's legend: each racer's own glyph in its colour (red *, cyan &)"
	tail -n 1 "$tmp/race" | cat -v
fi
# without runs, no cell of the figure is in a racer's colour (31-36, 91-95)
"$DESCENT" plot '(x^2+y-11)^2+(x+y^2-7)^2' --unicode --size 60x16 --color=always \
	--shade >"$tmp/land" 2>&1
if grep -q "${esc}\[0;[0-9;]*\(3[1-6]\|9[1-5]\)m" "$tmp/land"; then
	fail=$((fail + 1))
	echo "FAIL: the landscape uses a racer's colour:"
	grep -o "${esc}\[0;[0-9;]*m" "$tmp/land" | sort | uniq -c | cat -v
else
	pass=$((pass + 1))
fi

# --- in colour a fill's legend shows swatches of what is drawn ----------------------
"$DESCENT" plot '(x^2+y-11)^2+(x+y^2-7)^2' --unicode --size 80x24 --basins --color=always \
	>"$tmp/basins" 2>&1
if grep -q "^basins (gd,lr=0.01)  ${esc}\[0;100m\.${esc}\[0m(-3.8,-3.3)  ${esc}\[0;100m-${esc}\[0m" "$tmp/basins" &&
   grep -q "${esc}\[0;100m@${esc}\[0m diverged$" "$tmp/basins"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the basins' legend in colour: each glyph on its basin's colour"
	tail -n 2 "$tmp/basins" | cat -v
fi
"$DESCENT" plot 'x^2-y^2+0.1*x^4+0.1*y^4' --x -4:4 --y -4:4 --ascii --size 80x24 --convexity \
	--color=always >"$tmp/convex" 2>&1
if grep -q "^convexity: blank convex  ${esc}\[0;100m:${esc}\[0m saddle-shaped  ${esc}\[0;100m=${esc}\[0m concave" "$tmp/convex"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the convexity legend in colour: each glyph on its colour"
	tail -n 2 "$tmp/convex" | cat -v
fi

# a write error on stdout fails, once, at exit, whatever the command
# check_full NAME -- ARGS...: stdout is /dev/full
check_full() {
	name=$1
	shift 2
	"$DESCENT" "$@" >/dev/full 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 1 ] && [ "$(cat "$tmp/err")" = "descent: write error: No space left on device" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (descent $* >/dev/full): status $status, wanted 1"
		sed 's/^/  err: /' "$tmp/err"
	fi
}
if [ -w /dev/full ]; then
	check_full "write error: lessons" -- lessons --lessons-only "$L"
	check_full "write error: plot" -- plot 'x^2'
	check_full "write error: run" -- run 'x^2' --start 1
	check_full "write error: long run csv" -- run 'x^2' --start 1 --lr 1e-4 --format csv
	check_full "write error: eval" -- eval 'x^2' x=1
	check_full "write error: --help" -- --help
	check_full "write error: --version" -- --version
	check_full "write error: run --help" -- run --help
	check_full "write error: diff --version" -- diff --version
fi

# --- formula pages: the learner types an expression -------------------------------------
F="$top_srcdir/tests/lessons"
check_grep "lessons --check proves the formula pages" 0 "^1 chapter, 3 pages, 0 claims: all proved; 3 questions: 2 verified by the engine, 1 not verifiable$" \
	-- lessons --check --lessons-only "$F"
printf '2*x +\n4x^3-16x+5\nx^3\n(2x)*(2x^2-8)\n3*x\nw - 2*lr*(w-3)\n' |
	"$DESCENT" learn --lessons-only "$F" formulas --ask --progress "$tmp/formulas.json" >"$tmp/out" 2>&1
for want in "^Your answer (a formula in x; h hint, s skip, q quit): That is not a formula: expected a number, a name or '(' after '+'\\.\$" \
	'^  2\*x +$' '^       \^$' \
	'Not quite\. A constant does not change: the 5 has derivative 0\.$' \
	'Not quite\. At x = 1 yours gives 1; the derivative is -12\.$' \
	'^Your answer (a formula in x and y; h hint, s skip, q quit): Right\.$' \
	'^Your answer (a formula in w and eta; h hint, s skip, q quit): Right\.$'; do
	if grep -q -- "$want" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: learn --ask, formula pages: no line matches /$want/"
		sed 's/^/  | /' "$tmp/out"
	fi
done
if [ "$(grep -c 'Right\.' "$tmp/out")" = 3 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: learn --ask, formula pages: three right answers"; fi
# a numeric page's expected wrong answer is told what it reveals
mkdir -p "$tmp/nwrong"
printf '{"id": "nw", "title": "N", "order": 1, "summary": "s", "pages": [{"kind": "numeric", "question": "The mean of 1, 2 and 6?", "answer": 3, "wrong": [{"answer": 9, "feedback": "That is the sum: divide by 3."}]}]}\n' >"$tmp/nwrong/nw.json"
printf '9\n4\n3\n' | "$DESCENT" learn --lessons-only "$tmp/nwrong" nw --ask --progress "$tmp/nw.json" >"$tmp/out" 2>&1
if grep -q 'Not quite\. That is the sum: divide by 3\.$' "$tmp/out" && grep -q 'Not quite\.$' "$tmp/out" &&
   grep -q 'Right\.$' "$tmp/out"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: numeric: an expected wrong answer"; sed 's/^/  | /' "$tmp/out"; fi
# products side by side, as written by hand, in both orders of factors
for ans in '4x(x^2-4)' '(2x)(2x^2-8)' 'x(4x^2 - 16)' '(x^2-4) 4x'; do
	printf '%s\n' "$ans" |
		"$DESCENT" learn --lessons-only "$F" formulas --page 1 --ask --progress "$tmp/imp.json" \
		>"$tmp/out" 2>&1
	if grep -q '^Your answer (a formula in x; h hint, s skip, q quit): Right\.$' "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: formula: $ans is a product"; sed 's/^/  | /' "$tmp/out"
	fi
done
# a function's name before '(' is still a call, and a misspelt one an error
printf 'sin(x)\n' | "$DESCENT" learn --lessons-only "$F" formulas --page 1 --ask \
	--progress "$tmp/imp.json" >"$tmp/out" 2>&1
if grep -q 'Not quite\.' "$tmp/out"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: formula: sin(x) is a call"; sed 's/^/  | /' "$tmp/out"; fi
# the contour levels a page names, on any page with a figure (a locate page here)
mkdir -p "$tmp/levels"
printf '{"id": "lv", "title": "L", "order": 1, "summary": "s", "pages": [{"kind": "locate", "function": "x^2 + y^2", "x": [-2, 2], "y": [-2, 2], "target": "minimum", "levels": [0.5, 1, 3]}]}\n' >"$tmp/levels/lv.json"
check_grep "levels on a locate page" 0 '^contours at 0.5 1 3$' \
	-- learn --lessons-only "$tmp/levels" lv --plain --progress "$tmp/lv.json"
# subscripts typed as the course writes them: 2w₀ is 2*w0
mkdir -p "$tmp/subs"
printf '{"id": "subs", "title": "S", "order": 1, "summary": "s", "pages": [{"kind": "formula", "question": "dJ/dw0?", "answer": "2*w0 + w1", "gradient_of": "w0^2 + w0*w1", "component": "w0"}]}\n' >"$tmp/subs/subs.json"
printf '2w\342\202\200 + w\342\202\201\n' | "$DESCENT" learn --lessons-only "$tmp/subs" subs --ask \
	--progress "$tmp/subs.json" >"$tmp/out" 2>&1
if grep -q 'Right\.$' "$tmp/out"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL: formula: subscripts are digits"; sed 's/^/  | /' "$tmp/out"; fi
# the course's own mathematics typed back: − · and Greek letters
printf 'w \342\210\222 2\302\267\316\267\302\267(w\342\210\2223)\n' |
	"$DESCENT" learn --lessons-only "$F" formulas --page 3 --ask --progress "$tmp/utf.json" >"$tmp/out" 2>&1
if grep -q '^Your answer (a formula in w and eta; h hint, s skip, q quit): Right\.$' "$tmp/out"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: formula: − · η are read as - * eta"; sed 's/^/  | /' "$tmp/out"
fi
# a chapter's file opened alone, and one that does not load
check_grep "learn FILE.json opens that chapter alone" 0 "^== Page 1 of 3: The slope of a double well ==$" \
	-- learn "$F/formulas.json" --plain --progress "$tmp/file.json"
check_grep "learn FILE.json that does not load: where, and what to do" 1 \
	"^descent: .*formula-bad.json is not a chapter that loads: fix what is said above" \
	-- learn "$top_srcdir/tests/lessons-bad/formula-bad.json" --plain --progress "$tmp/file.json"
check_grep "and the file's own errors, located" 1 "formula-bad.json:7:63: error: in the answer" \
	-- learn "$top_srcdir/tests/lessons-bad/formula-bad.json" --plain --progress "$tmp/file.json"
# other spellings of the same derivative are right too
for spelling in '4x^3-16x' '4*x*(x^2-4)' 'x*(4*x^2 - 16)' '16*x*(x^2/4 - 1)'; do
	printf '%s\n' "$spelling" | "$DESCENT" learn --lessons-only "$F" formulas --ask \
		--progress "$tmp/sp.json" >"$tmp/out" 2>&1
	if grep -q '^Your answer (a formula in x; h hint, s skip, q quit): Right\.$' "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: formula: '$spelling' is the derivative too"
		sed 's/^/  | /' "$tmp/out"
	fi
done

# --- a challenge sets the optimizer's other settings ("params") ----------------------------
mkdir -p "$tmp/ball"
cat >"$tmp/ball/ball.json" <<'EOF'
{ "id": "ball", "title": "Ball", "order": 1, "summary": "S.",
  "pages": [
    { "kind": "challenge", "function": "x^2 + 25*y^2", "x": [-3, 3], "y": [-3, 3],
      "start": [2.5, 1], "optimizers": ["momentum"], "lr": [0.001, 0.08],
      "params": { "beta": 0.5 },
      "goal": { "point": [0, 0], "within": 0.01, "steps": 60 },
      "question": "Momentum with beta = 0.5: reach the origin in 60 steps." } ] }
EOF
check_grep "a challenge with params checks" 0 "^1 chapter, 1 page, 0 claims: all proved; 1 question: 1 verified by the engine, 0 not verifiable$" \
	-- lessons --check "$tmp/ball/ball.json"
# at 0.03, momentum wins with the page's beta 0.5, and loses with its default 0.9
printf 'momentum 0.03\n' | "$DESCENT" learn --lessons-only "$tmp/ball" ball --ask \
	--progress "$tmp/ball/p.json" >"$tmp/out" 2>&1
if grep -q 'Right\. It ends 0\.000284 from the goal after 60 steps\.' "$tmp/out"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: a challenge's params are the runs' settings"
	sed 's/^/  | /' "$tmp/out"
fi

# DESCENT_KERNELS: a set this CPU runs computes as the others do (to the
# printed digits); one it does not have is refused, with the list
sets=
for k in avx512f avx2 sse2 libm generic; do
	before="env DESCENT_KERNELS=$k"
	if $before "$DESCENT" eval 'x' x=1 >/dev/null 2>&1; then
		sets="$sets $k"
		check "DESCENT_KERNELS=$k computes" 0 "f = 0.5403023059${nl}df/dx = -0.8414709848${nl}d2f/dx2 = -0.5403023059${nl}" "" \
			-- eval 'cos(x)' x=1
		check "DESCENT_KERNELS=$k folds" 0 "f = 2.718281828${nl}" "" -- eval 'exp(1)'
	fi
done
before=
[ -n "$sets" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: no DESCENT_KERNELS set works"; }
before="env DESCENT_KERNELS=avx9000"
check_grep "DESCENT_KERNELS unknown" 2 "^descent: DESCENT_KERNELS=avx9000 is not a kernel set of this program on this CPU; set it to .*, or unset it$" \
	-- eval 'x' x=1
before="env DESCENT_KERNELS=$(printf 'a\033[2Jb')"
check_grep "DESCENT_KERNELS control characters" 2 "^descent: DESCENT_KERNELS=a^\[\[2Jb is not" -- eval 'x' x=1
before="env DESCENT_KERNELS="
check "DESCENT_KERNELS empty is unset" 0 "f = 1${nl}" "" -- eval '1'
before=

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
