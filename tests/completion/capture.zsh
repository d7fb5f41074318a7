# SPDX-License-Identifier: GPL-3.0-or-later
# capture.zsh - what zsh's completion offers for lines typed at an
# interactive zsh: zsh -f capture.zsh FPATH_DIR OUT < LINES.  For each
# line of LINES it types the line and Tab in a zsh of its own (zpty), with
# compinit and FPATH_DIR first in $fpath, and writes to OUT every match
# that compadd adds, then "-- end N --".
zmodload zsh/zpty || exit 77
dir=$1 out=$2
: >$out
zpty z zsh -f -i || exit 99
# no listing nor beeping: the matches go to OUT, through compadd
zpty -w z "PS1='% '; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D; unsetopt autolist listambiguous; setopt nobeep"
zpty -w z "compadd() { if (( \${@[(I)-[OAD]*]} )); then builtin compadd \"\$@\"; return; fi; local -a __h; builtin compadd -A __h \"\$@\"; print -rl -- \$__h >> ${(q)out}; builtin compadd \"\$@\"; }"

# waits for the line "want" in OUT, for at most 10 s
wait_for() {
  local i
  for (( i = 0; i < 100; i++ )); do
    grep -q -x -F -- "$1" $out && return 0
    sleep 0.1
  done
  print -u2 "capture.zsh: no '$1' in 10 s"
  return 1
}
zpty -w z "print -r -- '-- ready --' >> ${(q)out}"
wait_for '-- ready --' || exit 99
: >$out
n=0
while IFS= read -r line; do
  (( n++ ))
  zpty -w -n z "$line"$'\t'
  # Ctrl-U empties the line; the marker is written once Tab is done
  zpty -w z $'\x15'"print -r -- '-- end $n --' >> ${(q)out}"
  wait_for "-- end $n --" || exit 1
done
zpty -d z
