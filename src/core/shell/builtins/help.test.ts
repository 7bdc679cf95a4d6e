import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function start(): Session {
  const r = parseScenario('scenarios/sigill-node.yaml', readFileSync(join(root, 'scenarios', 'sigill-node.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

/** The names listed under a heading of `help`'s output. */
function listed(out: string, heading: string): string[] {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.endsWith(heading));
  const words: string[] = [];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('  '); i++) words.push(...lines[i].trim().split(/\s+/));
  return words;
}

describe('help', () => {
  it('lists what the laptop offers: kubectl and ssh, the text tools, the builtins and the keys', () => {
    const s = start();
    const r = s.run('help');
    expect(s.run('echo $?').output).toBe('0\n');
    expect(r.output).toMatch(/^You are on your laptop, with kubectl pointed at the cluster\. Programs here:\n/);
    const programs = listed(r.output, 'Programs here:');
    expect(programs).toEqual([...programs].sort());
    expect(programs).toEqual(expect.arrayContaining(['kubectl', 'ssh', 'grep', 'awk', 'head', 'watch']));
    expect(programs).not.toContain('crictl');
    expect(listed(r.output, 'Shell builtins:')).toEqual(['alias', 'bg', 'cd', 'clear', 'echo', 'exit', 'export', 'false', 'fg', 'help', 'history', 'jobs', 'kill', 'printf', 'pwd', 'sleep', 'true', 'ulimit', 'unalias', 'wait']);
    expect(r.output).toContain('\nThe clock runs in real time; `sleep 5m` skips ahead, Ctrl-C stops a command that follows (-f, -w).\n');
    expect(r.output).toContain('Ctrl-Shift-C (or Ctrl-C with text selected) copies, Ctrl-V pastes; Shift+Tab leaves the terminal.\n');
  });

  it("lists a node's own tools there, and every line fits 80 columns", () => {
    const s = start();
    s.run('ssh ip-10-42-3-208');
    const out = s.run('help').output;
    expect(out).toMatch(/^You are on the node ip-10-42-3-208\. Programs here:\n/);
    expect(listed(out, 'Programs here:')).toEqual(expect.arrayContaining(['crictl', 'journalctl', 'dmesg', 'ps', 'strace']));
    expect(listed(out, 'Programs here:')).not.toContain('ssh');
    expect(out.split('\n').filter((l) => l.length > 100)).toEqual([]);
  });

  it("answers `help NAME` as bash does: a builtin's summary, bash's error for anything else", () => {
    const s = start();
    expect(s.run('help cd pwd; echo $?').output).toBe('cd - Change the shell working directory\npwd - Print the name of the current working directory\n0\n');
    expect(s.run('help kubectl; echo $?').output).toBe("bash: help: no help topics match `kubectl'.  Try `help help' or `man -k kubectl' or `info kubectl'.\n1\n");
    expect(s.run('help | head -1').output).toBe('You are on your laptop, with kubectl pointed at the cluster. Programs here:\n');
  });
});
