# bash completion for killswitch(8)
# Function names come from /proc/kallsyms (text symbols), engaged targets
# from /sys/kernel/security/killswitch/engaged, values from errno names.

_killswitch_functions() {
	[ -n "$1" ] || return 0
	awk -v p="$1" '($2 == "t" || $2 == "T") && index($3, p) == 1 { print $3 }' /proc/kallsyms 2>/dev/null |
		sort -u | head -n 200
}

_killswitch_engaged() {
	awk '{ print $1 }' /sys/kernel/security/killswitch/engaged 2>/dev/null
}

_killswitch_profile_ids() {
	ls /usr/share/killswitch/profiles 2>/dev/null | sed -n 's/\.toml$//p'
}

_killswitch_persisted_ids() {
	ls /etc/killswitch/profiles.d 2>/dev/null | sed -n 's/\.toml$//p'
}

_killswitch() {
	# Plain COMP_WORDS, so it works without the bash-completion package.
	local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
	local -a words=("${COMP_WORDS[@]}")
	local cword=$COMP_CWORD

	local commands="check engage confirm disengage monitor status apply revert profiles persist unpersist"
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
		--if | --try | --for | --root) ((i++)) ;;
		-*) ;;
		*) ((npos++)) ;;
		esac
	done

	case "$prev" in
	--if | --try | --for | --confirm) return ;;
	esac

	local opts
	case "$cmd" in
	check) opts="--if --json --help" ;;
	engage) opts="--if --try --confirm --force --json --help" ;;
	confirm) opts="--json --help" ;;
	disengage) opts="--all --json --help" ;;
	monitor) opts="--for --json --help" ;;
	status) opts="--json --help" ;;
	apply) opts="--dry-run --ignore-version --json --help" ;;
	revert | persist | unpersist) opts="--json --help" ;;
	profiles) opts="list show validate --json --help" ;;
	esac
	if [[ "$cur" == -* && "$cur" != -E* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case "$cmd:$npos" in
	check:0 | engage:0 | monitor:0) COMPREPLY=($(_killswitch_functions "$cur")) ;;
	check:1 | engage:1) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
	disengage:0 | confirm:0) COMPREPLY=($(compgen -W "$(_killswitch_engaged)" -- "$cur")) ;;
	apply:*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	revert:* | persist:*) COMPREPLY=($(compgen -W "$(_killswitch_profile_ids)" -- "$cur")) ;;
	unpersist:*) COMPREPLY=($(compgen -W "$(_killswitch_persisted_ids)" -- "$cur")) ;;
	esac
}

complete -F _killswitch killswitch
