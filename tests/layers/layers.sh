#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# layers.sh - the layers of DESIGN.md, checked on the sources: data flows
# one way (util < expr < data < optim < analysis < plot < lesson < ui <
# cmd), so a module includes the public headers of its own layer and of
# those below it, never of one above; only src/ui includes <curses.h>, and
# only src/lesson includes <cJSON.h> (the build gives cJSON's and
# ncurses's flags to those two only: this says it where a header is found
# anyway); a module's private header (X-int.h) is its own; and every file
# says its licence (GPL-3.0-or-later) in its first lines.
set -u
srcdir=${top_srcdir:-.}
cd "$srcdir" || exit 99
[ -d src ] && [ -d include/descent ] || { echo "layers: no src/ or include/descent/"; exit 99; }
pass=0
fail=0

# The layer of a module, and of a public header.
layer_of_module() {
	case $1 in
	util) echo 0 ;; expr) echo 1 ;; data) echo 2 ;; optim) echo 3 ;;
	analysis) echo 4 ;; plot) echo 5 ;; lesson) echo 6 ;; ui) echo 7 ;;
	cmd) echo 8 ;; *) echo 9 ;;
	esac
}
layer_of_header() {
	case $1 in
	util.h|rng.h|diag.h|clones.h) echo 0 ;; expr.h) echo 1 ;; data.h) echo 2 ;;
	linalg.h|objective.h|optim.h) echo 3 ;; analysis.h) echo 4 ;; plot.h) echo 5 ;;
	lesson.h|page-kinds.def) echo 6 ;; ui.h) echo 7 ;; *) echo 99 ;;
	esac
}

check() {       # FILE MODULE-LAYER MODULE
	file=$1 mine=$2 module=$3 ok=1
	for h in $(sed -n 's/^#include "descent\/\([a-z-]*\.[a-z]*\)".*/\1/p' "$file"); do
		l=$(layer_of_header "$h")
		if [ "$l" -gt "$mine" ]; then
			echo "layers: $file ($module) includes descent/$h, of a layer above it"
			ok=0
		fi
	done
	if grep -Eq '^#include <(n?cursesw?/)?n?curses(w)?\.h>' "$file" && [ "$module" != ui ]; then
		echo "layers: $file includes curses outside src/ui"
		ok=0
	fi
	if grep -Eq '^#include <(cjson/)?cJSON\.h>' "$file" && [ "$module" != lesson ]; then
		echo "layers: $file includes cJSON outside src/lesson"
		ok=0
	fi
	for h in $(sed -n 's/^#include "\([a-z]*\)-int\.h".*/\1/p' "$file"); do
		if [ "$h" != "$module" ]; then
			echo "layers: $file ($module) includes $h-int.h, the private header of $h"
			ok=0
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

for f in src/*/*.c src/*/*.h; do
	module=$(basename "$(dirname "$f")")
	check "$f" "$(layer_of_module "$module")" "$module"
done
for f in include/descent/*.h; do
	h=$(basename "$f")
	check "$f" "$(layer_of_header "$h")" "${h%.h}"
done
# the program's entry and the benchmarks sit on top of everything
for f in src/main.c bench/*.c; do
	[ -f "$f" ] && check "$f" 9 top
done

# every source, header, script and build file says its licence
for f in $(find src include tests bench -name '*.[ch]' -o -name '*.def' -o -name '*.sh' \
		-o -name '*.zsh' -o -name '*.bash' -o -name '_descent' | sort) \
	bootstrap .ci/run Makefile.am configure.ac man/*.[1-9] man/*.in lessons/README.md \
	debian/control debian/rules debian/deb.sh; do
	[ -f "$f" ] || continue
	if head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later'; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "layers: $f has no SPDX-License-Identifier line in its first three lines"
	fi
done
[ -f COPYING ] && grep -q 'GNU GENERAL PUBLIC LICENSE' COPYING && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "layers: no COPYING with the GPL"; }

echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
