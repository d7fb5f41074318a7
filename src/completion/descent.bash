# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for descent(1).
#
# Everything offered comes from the program itself, so that it never
# falls behind it: the commands from `descent --list-commands`, each
# command's options from `descent COMMAND --list-options` (and from its
# data mode, `descent COMMAND --data --list-options`), the optimizers from
# `descent run --list-optimizers`, and the chapters from
# `descent lessons --ids` (with the --lessons directories of the line).
# It needs bash alone; bash-completion, when loaded, finds it by its name.

# The words of the line as descent will see them: bash splits
# "--lr=0.1" at '=' and "--x=-1:1" at ':' (COMP_WORDBREAKS), and these are
# joined again.  Sets _descent_words and _descent_cword.
_descent_join_words()
{
	local i w joined=0
	_descent_words=()
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((i > 0)) && { [[ $w == [=:] ]] || ((joined)); }; then
			_descent_words[${#_descent_words[@]} - 1]+=$w
		else
			_descent_words+=("$w")
		fi
		[[ $w == [=:] ]] && joined=1 || joined=0
	done
	_descent_cword=$((${#_descent_words[@]} - 1))
}

# The options of a command, a line each as --list-options prints them
# ("--start=" then a tab and "-s"), its data mode's too.
_descent_options()
{
	local prog=$1 cmd=$2
	{
		"$prog" "$cmd" --list-options
		case $cmd in
		analyze | plot | play) "$prog" "$cmd" --data --list-options ;;
		esac
	} 2>/dev/null | sort -u
}

# The value of option opt ("--optimizer", "-o", "--lessons"...), to
# complete from cur; the command line's --lessons directories are passed
# on when chapters are listed.
_descent_value()
{
	local prog=$1 opt=$2 cur=$3
	case $opt in
	--optimizer | -o | --trajectory)
		# a trajectory is OPTIMIZER[,lr=...]: the name, before any comma
		[[ $cur == *,* ]] && return
		COMPREPLY=($(compgen -W "$("$prog" run --list-optimizers 2>/dev/null)" -- "$cur"))
		;;
	--lessons | --lessons-only)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		;;
	--progress | --record | --replay | --data)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
}

# The chapters of the lesson search path, ids or (when cur is a number's
# start) numbers, with the line's --lessons and --lessons-only.
_descent_chapters()
{
	local prog=$1 cur=$2 i field
	local -a dirs=()
	for ((i = 2; i < _descent_cword; i++)); do
		case ${_descent_words[i]} in
		--lessons | --lessons-only)
			dirs+=("${_descent_words[i]}" "${_descent_words[i + 1]}") ;;
		--lessons=* | --lessons-only=*)
			dirs+=("${_descent_words[i]}") ;;
		esac
	done
	[[ $cur == [0-9]* ]] && field=1 || field=2
	COMPREPLY+=($(compgen -W "$("$prog" lessons "${dirs[@]}" --ids 2>/dev/null |
		cut -f "$field")" -- "$cur"))
}

_descent()
{
	local prog=${COMP_WORDS[0]} cur prev cmd="" i w line opts
	local -a _descent_words
	local _descent_cword
	COMPREPLY=()
	_descent_join_words
	cur=${_descent_words[_descent_cword]}
	prev=""
	((_descent_cword > 0)) && prev=${_descent_words[_descent_cword - 1]}
	# a program given by its path is asked as it is; "descent" from $PATH
	[[ $prog == */* || -n $(type -P "$prog") ]] || return 0

	# the command: the first word that is not an option
	for ((i = 1; i < _descent_cword; i++)); do
		w=${_descent_words[i]}
		[[ $w == -- ]] && break
		if [[ $w != -* ]]; then
			cmd=$w
			break
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$("$prog" --list-options 2>/dev/null |
				cut -f 1)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$prog" --list-commands 2>/dev/null)" -- "$cur"))
		fi
		return 0
	fi

	opts=$(_descent_options "$prog" "$cmd")

	# --name=value: the value, after the name
	if [[ $cur == --*=* ]]; then
		local name=${cur%%=*}
		_descent_value "$prog" "$name" "${cur#*=}"
		# bash replaces only the part after the last word break
		if [[ $COMP_WORDBREAKS != *=* ]]; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$name=${COMPREPLY[i]}
			done
		fi
		return 0
	fi

	# the value of the option before, when that option takes one
	if [[ $prev == -* && $prev != *=* ]]; then
		while IFS=$'\t' read -r w line; do
			if [[ $w == *= && ($prev == "${w%=}" || $prev == "$line") ]]; then
				_descent_value "$prog" "$prev" "$cur"
				return 0
			fi
		done <<<"$opts"
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(cut -f 1 <<<"$opts" | sed 's/\[*=\]*$//' |
			sort -u)" -- "$cur"))
		return 0
	fi

	# the operands
	case $cmd in
	learn)
		# a chapter, or a chapter's file (FILE.json); directories only
		# when neither matches, so that ids are not lost among them
		_descent_chapters "$prog" "$cur"
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -X '!*.json' -- "$cur"))
		((${#COMPREPLY[@]} > 0)) || COMPREPLY=($(compgen -d -- "$cur"))
		;;
	lessons)
		for ((i = 2; i < _descent_cword; i++)); do
			case ${_descent_words[i]} in
			--check | --key)
				compopt -o filenames 2>/dev/null
				COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.json' -- "$cur"))
				break ;;
			esac
		done
		;;
	replay)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
	return 0
}

complete -F _descent descent
