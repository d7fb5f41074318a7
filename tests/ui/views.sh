#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One view of a page: a plot page with each combination of the overlays
# its "show" can ask for (critical, contours, shade, basins, convexity,
# and tangent in one variable) renders the same figure in learn --plain
# and on the full screen.  The chapters are written here, one page per
# combination; learn --plain --ascii --width 80 draws each figure 80x22
# (a quarter of the width, plus 2), and the full screen at 80x26 gives a
# page of one line of text the same 22 rows (26 - 3 for the title, the
# gap and the status line, - 1 for the text), so the two figures are
# compared whole, character for character, in ASCII without colour.
set -u
name=views
. "${top_srcdir:-.}/tests/ui/lib.sh"

W=80
H=$((W / 4 + 2))
ROWS=$((H + 4))
D="$tmp/lessons"
mkdir -p "$D"

# chapter ID ORDER DIM FUNCTION REGION NAMES...: writes D/ID.json, a plot
# page for every subset of NAMES (the bits of k, the first name lowest)
chapter() {
	id=$1 order=$2 dim=$3 fn=$4 region=$5
	shift 5
	nn=$#
	{
		printf '{\n  "id": "%s", "title": "Views %s", "order": %s,\n' "$id" "$id" "$order"
		printf '  "summary": "Every overlay combination.",\n  "pages": [\n'
		k=0
		while [ $k -lt $((1 << nn)) ]; do
			show="" tangent="" label=""
			i=0
			for s in "$@"; do
				if [ $(((k >> i) & 1)) -eq 1 ]; then
					show="$show${show:+, }\"$s\""
					label="$label${label:++}$s"
					[ "$s" = tangent ] && tangent=', "tangent": 1'
				fi
				i=$((i + 1))
			done
			[ -n "$label" ] || label=none
			[ $k -gt 0 ] && printf ',\n'
			printf '    {"kind": "plot", "title": "%s", "body": "Show: %s.",\n' "$label" "$label"
			printf '     "function": "%s", %s, "show": [%s]%s}' "$fn" "$region" "$show" "$tangent"
			k=$((k + 1))
		done
		printf '\n  ]\n}\n'
	} >"$D/$id.json"
	echo "$id $((1 << nn)) $dim"
}

{
	chapter views-1d 1 1 "x^4 - 8*x^2 + 5" '"x": [-3.5, 3.5]' \
		critical tangent contours shade basins convexity
	chapter views-2d 2 2 "x^4 - 2*x^2 + y^2" '"x": [-2, 2], "y": [-1.5, 1.5]' \
		critical contours shade basins convexity
} >"$tmp/chapters"

# expect FIG LABEL DIM: what the policy draws shows in the figure's
# legend (so that two empty figures never agree by accident)
expect() {
	case "+$2+" in
	*+convexity+*) grep -q '^convexity: ' "$1" || return 1 ;;
	*+basins+*) grep -q '^basins (' "$1" || return 1 ;;
	*) ! grep -Eq '^(basins \(|convexity: )' "$1" || return 1 ;;
	esac
	case "+$2+" in
	*+critical+*) grep -q 'o min' "$1" || return 1 ;;
	*) ! grep -q 'o min' "$1" || return 1 ;;
	esac
	head -n 1 "$1" | grep -q '^f(x' || return 1
	if [ "$3" = 2 ]; then
		# contours, unless basins or convexity without colour hide them
		case "+$2+" in
		*+contours+*) grep -q '^contours' "$1" || return 1 ;;
		*+basins+* | *+convexity+*) ! grep -q '^contours' "$1" || return 1 ;;
		*) grep -q '^contours' "$1" || return 1 ;;
		esac
	fi
	return 0
}

while read -r id npages dim; do
	# learn --plain: "== Page K of N: LABEL ==", a blank, the text, a
	# blank, and the figure's H lines
	LC_ALL=C NO_COLOR=1 "$DESCENT" learn --lessons-only "$D" --plain --ascii --width $W \
		--progress "$tmp/plain.json" "$id" </dev/null >"$tmp/plain" 2>"$tmp/plain.err"
	if [ -s "$tmp/plain.err" ]; then
		bad "$id: learn --plain says $(head -n 3 "$tmp/plain.err")"
		continue
	fi
	start $W $ROWS "LANG=C LC_ALL=C NO_COLOR=1 XDG_STATE_HOME='$tmp/state' '$DESCENT' learn --lessons-only '$D' --ascii '$id' --page 1"
	wait_for "$id: the full screen opens its first page" "page 1 of $npages: " || continue
	k=1
	while [ $k -le "$npages" ]; do
		[ $k -gt 1 ] && keys n
		settle
		# the full screen: the title, a blank, the text (its one line
		# says the page's overlays), then the figure
		label=$(sed -n '3s/^ Show: \(.*\)\.$/\1/p' "$tmp/screen")
		if ! head -n 1 "$tmp/screen" | grep -q "page $k of $npages: " || [ -z "$label" ]; then
			bad "$id: page $k is not on the screen, or its text is not one line"
			k=$((k + 1))
			continue
		fi
		sed -n "4,$((H + 3))p" "$tmp/screen" >"$tmp/full"
		awk -v h="== Page $k of $npages: $label ==" -v n=$H '
			$0 == h { at = NR + 4 }
			at && NR >= at && NR < at + n' "$tmp/plain" >"$tmp/fig"
		if [ "$(wc -l <"$tmp/fig")" -ne $H ]; then
			bad "$id $label: learn --plain has no figure of $H lines"
		elif ! cmp -s "$tmp/fig" "$tmp/full"; then
			rm -f "$tmp/screen"
			bad "$id $label: learn --plain and the full screen differ (< plain, > full)"
			diff "$tmp/fig" "$tmp/full" | head -n 12
		else
			ok
			if expect "$tmp/fig" "$label" "$dim"; then
				ok
			else
				rm -f "$tmp/screen"
				bad "$id $label: the figure does not show what the policy draws"
				cat "$tmp/fig"
			fi
		fi
		k=$((k + 1))
	done
	keys q q
	wait_exit "$id: q q quits" 0
done <"$tmp/chapters"

echo "$name: $pass passed, $fail failed"
[ $fail -eq 0 ]
