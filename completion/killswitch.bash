# bash completion for killswitch(8)
# Function names come from /proc/kallsyms (text symbols; a module's as
# <module>:<function>), engaged targets from
# /sys/kernel/security/killswitch/engaged, profile ids from the catalog and
# profiles.d, values from errno names. The _killswitch_*_path variables are
# where they are read (tests/completion_test.sh points them at fixtures).
: "${_killswitch_kallsyms_path:=/proc/kallsyms}"
: "${_killswitch_engaged_path:=/sys/kernel/security/killswitch/engaged}"
: "${_killswitch_catalog_path:=/usr/share/killswitch/profiles}"
: "${_killswitch_persist_path:=/etc/killswitch/profiles.d}"

# Functions starting with $1: vmlinux's by name, a loaded module's as
# module:function; "mod" offers "mod:" for a module whose name it starts.
_killswitch_functions() {
	[ -n "$1" ] || return 0
	awk -v p="$1" '
		$2 != "t" && $2 != "T" { next }
		NF >= 4 { mod = substr($4, 2, length($4) - 2)
			if (index(p, ":") == 0) { if (index(mod, p) == 1) print mod ":" }
			else if (index(mod ":" $3, p) == 1) print mod ":" $3
			next }
		index($3, p) == 1 { print $3 }' "$_killswitch_kallsyms_path" 2>/dev/null |
		sort -u | head -n 200
}

_killswitch_engaged() {
	awk '{ print $1 }' "$_killswitch_engaged_path" 2>/dev/null
}

_killswitch_profile_ids() {
	ls "$_killswitch_catalog_path" "$_killswitch_persist_path" 2>/dev/null | sed -n 's/\.toml$//p' | sort -u
}

_killswitch_persisted_ids() {
	ls "$_killswitch_persist_path" 2>/dev/null | sed -n 's/\.toml$//p'
}

_killswitch() {
	# Plain COMP_WORDS, so it works without the bash-completion package.
	local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
	local -a words=("${COMP_WORDS[@]}")
	local cword=$COMP_CWORD

	local commands="check engage confirm disengage monitor status metrics apply revert profiles persist unpersist"
	local values="-EPERM -EACCES -EINVAL -ENOENT -ENOMEM -EOPNOTSUPP -EAFNOSUPPORT -ENOSYS -EBUSY NULL false true 0"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case "${words[i]}" in
		--root | --catalog | --persist-dir) ((i++)) ;;
		-*) ;;
		*) cmd="${words[i]}"; break ;;
		esac
	done

	if [ "$prev" = "--root" ] || [ "$prev" = "--catalog" ] || [ "$prev" = "--persist-dir" ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$commands --root --catalog --persist-dir --help" -- "$cur"))
		return
	fi

	# Positional arguments typed so far after the subcommand.
	local npos=0
	for ((i = i + 1; i < cword; i++)); do
		case "${words[i]}" in
		--if | --try | --for | --root | --output) ((i++)) ;;
		-*) ;;
		*) ((npos++)) ;;
		esac
	done

	case "$prev" in
	--if | --try | --for | --confirm) return ;;
	--output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac

	local opts
	case "$cmd" in
	check) opts="--if --json --help" ;;
	engage) opts="--if --try --confirm --force --json --help" ;;
	confirm) opts="--json --help" ;;
	disengage) opts="--all --json --help" ;;
	monitor) opts="--for --json --help" ;;
	status) opts="--json --help" ;;
	metrics) opts="--output --help" ;;
	apply) opts="--dry-run --ignore-version --include-unknown --confirm --json --help" ;;
	revert) opts="--dry-run --json --help" ;;
	persist | unpersist) opts="--boot --help" ;;
	profiles) opts="--json --help" ;;
	esac
	if [[ "$cur" == -* && "$cur" != -E* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case "$cmd:$npos" in
	check:0 | engage:0 | monitor:0)
		COMPREPLY=($(_killswitch_functions "$cur"))
		# "mod:" is a step, not a word: no space after it.
		[[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" == *: ]] && compopt -o nospace 2>/dev/null
		;;
	check:1 | engage:1) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
	disengage:0 | confirm:0) COMPREPLY=($(compgen -W "$(_killswitch_engaged)" -- "$cur")) ;;
	apply:* | persist:*) COMPREPLY=($(compgen -W "$(_killswitch_profile_ids)" -- "$cur") $(compgen -f -- "$cur")) ;;
	revert:*) COMPREPLY=($(compgen -W "$(_killswitch_profile_ids)" -- "$cur")) ;;
	profiles:0) COMPREPLY=($(compgen -W "list show validate" -- "$cur")) ;;
	profiles:1)
		case "${words[cword - 1]}" in
		show) COMPREPLY=($(compgen -W "$(_killswitch_profile_ids)" -- "$cur") $(compgen -f -- "$cur")) ;;
		validate) COMPREPLY=($(compgen -f -- "$cur")) ;;
		list) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
		esac
		;;
	unpersist:*) COMPREPLY=($(compgen -W "$(_killswitch_persisted_ids)" -- "$cur")) ;;
	esac
}

complete -F _killswitch killswitch
