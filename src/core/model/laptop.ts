import type { Host } from './host.ts';

/** The learner's ~/.bashrc, as Ubuntu's skeleton has it (shortened to its habits). */
const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
shopt -s histappend
HISTSIZE=1000
HISTFILESIZE=2000
alias ls='ls --color=auto'
alias grep='grep --color=auto'
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'
`;

/** The learner's workstation: kubectl lives here; no node tools. */
export function laptopHost(now: number): Host {
  return {
    name: 'laptop', kind: 'laptop', ip: '192.168.1.20', bootAt: now - 3 * 86400000,
    kernelRelease: '6.8.0-49-generic', kernelBuild: '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024',
    osPrettyName: 'Ubuntu 24.04.1 LTS',
    cpu: { vendorId: 'GenuineIntel', modelName: '13th Gen Intel(R) Core(TM) i7-1365U', family: 6, model: 186, stepping: 3, microcode: '0x4121', mhz: 1800, cacheKb: 12288, cores: 12, flags: ['fpu', 'sse', 'sse2', 'avx', 'avx2'], bogomips: 5376, addressSizes: '39 bits physical, 48 bits virtual' },
    memoryKb: { total: 32 * 1024 * 1024, used: 9 * 1024 * 1024, buffCache: 6 * 1024 * 1024 },
    swapKb: 0,
    filesystems: [],
    files: {
      '/home/learner/.bashrc': BASHRC,
      '/home/learner/.profile': '# ~/.profile: executed by the command interpreter for login shells.\nif [ -n "$BASH_VERSION" ]; then\n    if [ -f "$HOME/.bashrc" ]; then\n\t. "$HOME/.bashrc"\n    fi\nfi\nif [ -d "$HOME/.local/bin" ] ; then\n    PATH="$HOME/.local/bin:$PATH"\nfi\n',
    },
    dirs: ['/home/learner', '/home/learner/.kube'],
    units: {},
    journal: [],
    kmsg: [],
    containers: [],
    sandboxes: [],
    images: [],
    nextPid: 4000,
  };
}
