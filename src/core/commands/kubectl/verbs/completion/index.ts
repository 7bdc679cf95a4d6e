import type { KubectlVerb } from '../../verb.ts';

/**
 * The bash script `kubectl completion bash` prints, cut to its frame: a debug helper, the entry
 * function and the `complete` registration (which the simulated shell accepts; its own Tab
 * completion already knows kubectl), so `source <(kubectl completion bash)` from a dotfile works.
 */
const BASH = `# bash completion V2 for kubectl                             -*- shell-script -*-

__kubectl_debug()
{
    if [[ -n \${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "\${BASH_COMP_DEBUG_FILE}"
    fi
}

__start_kubectl()
{
    local cur prev words cword split
    COMPREPLY=()
    __kubectl_debug
    __kubectl_debug "========= starting completion logic =========="
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_kubectl kubectl
else
    complete -o default -o nospace -F __start_kubectl kubectl
fi

# ex: ts=4 sw=4 et filetype=sh
`;

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

/** `kubectl completion SHELL`. */
export const completion: KubectlVerb = {
  name: 'completion',
  short: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
  long: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kubectl commands.  This can be done by sourcing it from the .bash_profile.',
  examples: '# Load the kubectl completion code for bash into the current shell\n  source <(kubectl completion bash)',
  usage: 'kubectl completion SHELL [options]',
  flags: [],
  run(inv) {
    const args = inv.flags.positionals;
    if (args.length === 0) return { stdout: '', stderr: 'error: Shell not specified.\nSee \'kubectl completion -h\' for help and examples\n', exitCode: 1 };
    if (args.length > 1) return { stdout: '', stderr: 'error: Too many arguments. Expected only the shell type.\nSee \'kubectl completion -h\' for help and examples\n', exitCode: 1 };
    if (!SHELLS.includes(args[0])) return { stdout: '', stderr: `error: Unsupported shell type "${args[0]}".\n`, exitCode: 1 };
    if (args[0] !== 'bash') return { stdout: `# ${args[0]} completion for kubectl\n`, stderr: '', exitCode: 0 };
    return { stdout: BASH, stderr: '', exitCode: 0 };
  },
};
