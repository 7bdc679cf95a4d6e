import { commandNames } from '../../commands/registry.ts';
import { done, err, type Builtin } from './types.ts';

/** Words in rows no wider than `width`, two spaces apart (enough for a short list of names). */
function wrap(words: readonly string[], width = 78, indent = '  '): string {
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length > indent.length && line.length + 2 + w.length > width) { lines.push(line); line = indent; }
    line += line.length > indent.length ? `  ${w}` : w;
  }
  if (line.length > indent.length) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/**
 * `help`: what this environment offers where the shell is (the laptop, a node, a debug container):
 * its programs, the shell's builtins and the keys the terminal understands. Bash's own `help`
 * lists only bash's builtins, which would tell a learner nothing about what the simulator
 * answers; `help NAME` keeps bash's behaviour (`NAME - summary` for a builtin, bash's error for
 * anything else, whose own `--help` is the place to look).
 */
export function helpBuiltin(all: () => readonly Builtin[]): Builtin {
  return {
    name: 'help',
    summary: 'Display what this environment offers, or a builtin\'s summary',
    run({ argv, shell }) {
      const builtins = all();
      const topics = argv.slice(1).filter((a) => a !== '-d' && a !== '-s');
      if (topics.length > 0) {
        const out: string[] = [];
        for (const t of topics) {
          const b = builtins.find((x) => x.name === t);
          if (!b) return { stdout: out.join(''), stderr: `bash: help: no help topics match \`${t}'.  Try \`help help' or \`man -k ${t}' or \`info ${t}'.\n`, exitCode: 1 };
          out.push(`${b.name} - ${b.summary}\n`);
        }
        return done(out.join(''));
      }
      const place = shell.frame.place;
      const programs = [...commandNames(place), ...(place === 'laptop' ? ['ssh'] : [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const where = place === 'laptop' ? 'your laptop, with kubectl pointed at the cluster' : place === 'node' ? `the node ${shell.frame.host}` : 'a debug container';
      if (programs.length === 0) return err('bash: help: nothing to list here\n');
      return done(
        `You are on ${where}. Programs here:\n${wrap(programs)}\n` +
        `Shell builtins:\n${wrap(builtins.map((b) => b.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))}\n` +
        'Pipes, quotes and $(…) work as in bash.\n' +
        (place === 'laptop' ? '`ssh NODE` opens a shell on a node; `exit` comes back.\n' : '`exit` goes back where you came from.\n') +
        'The clock runs in real time; `sleep 5m` skips ahead, Ctrl-C stops a command that follows (-f, -w).\n\n' +
        'Keys: Tab completes; Up/Down and Ctrl-R search history (Escape ends the search);\n' +
        '  Ctrl-A/E/U/W/K/Y, Alt-d, Alt-., Ctrl-T and Ctrl-_ (undo) edit as in readline;\n' +
        '  Ctrl-Shift-C (or Ctrl-C with text selected) copies, Ctrl-V pastes; Shift+Tab leaves the terminal.\n',
      );
    },
  };
}
