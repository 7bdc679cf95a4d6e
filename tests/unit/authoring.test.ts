/**
 * The authoring kit as an author uses it, in a folder of their own (never src/): scaffold a
 * scenario, edit it, check it, break it and read the messages, play its solution through the
 * headless CLI; and the tools around it (sim, calibrate) on broken files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-author-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tool = (script: string, ...args: string[]) => spawnSync(tsx, [script, ...args, '--dir', dir], { cwd: root, encoding: 'utf8' });
const edit = (rel: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(dir, rel), 'utf8');
  expect(text).toMatch(from);
  writeFileSync(join(dir, rel), text.replace(from, to));
};

describe('the authoring kit, in a folder outside the repository', () => {
  it('scaffolds a scenario that passes scenario:check as written, under variant seeds 1-3 too', { timeout: 180_000 }, () => {
    const made = tool('src/cli/new.ts', 'cart-memory', '--title', 'Cart keeps restarting');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout.split('\n').filter((l) => l.startsWith('created ')).sort()).toEqual([
      'created content/cart-memory/01-opening-model.mdx', 'created content/cart-memory/01-opening.mdx',
      'created content/cart-memory/02-probe-model.mdx', 'created content/cart-memory/02-probe.mdx',
      'created content/cart-memory/03-constraint-model.mdx', 'created content/cart-memory/03-constraint.mdx',
      'created content/cart-memory/04-curveball-model.mdx', 'created content/cart-memory/04-curveball.mdx',
      'created content/cart-memory/05-synthesis-model.mdx', 'created content/cart-memory/05-synthesis.mdx',
      'created scenarios/cart-memory.solution.txt', 'created scenarios/cart-memory.weak.txt', 'created scenarios/cart-memory.yaml',
      'created tests/calibration/cart-memory.yaml',
    ]);
    expect(readFileSync(join(dir, 'scenarios/cart-memory.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=.*docs\/authoring\/scenario\.schema\.json\n/);
    expect(tool('src/cli/new.ts', 'cart-memory').status).toBe(1); // never overwrites
    const checked = tool('src/cli/check.ts', 'cart-memory');
    expect(checked.stdout).toContain('cart-memory: scenario:check passed');
    expect(checked.stdout.match(/^  seed \d: ip-10-0-/gm)).toHaveLength(3);
    expect(checked.status).toBe(0);
  });

  it('checks an edit, reports each mistake with file, line and fix, and passes again once fixed', { timeout: 180_000 }, () => {
    // The author's edit: the service runs 4 replicas and the limit in the story is 300Mi.
    edit('scenarios/cart-memory.yaml', 'replicas: 3', 'replicas: 4');
    edit('content/cart-memory/01-opening.mdx', 'every few minutes', 'every four minutes');
    expect(tool('src/cli/check.ts', 'cart-memory', '--seeds', '0').status).toBe(0);
    // Two slips in one save: a flag kubectl top does not have and a prose file that is not there.
    edit('scenarios/cart-memory.yaml', 'any: [{ tool: kubectl, verb: [top] }]', 'any: [{ tool: kubectl, verb: [top], flags: [sort] }]');
    edit('scenarios/cart-memory.yaml', 'prompt: cart-memory/05-synthesis.mdx', 'prompt: cart-memory/05-synthesys.mdx');
    const r = tool('src/cli/check.ts', 'cart-memory', '--seeds', '0');
    expect(r.status).toBe(1);
    const lines = readFileSync(join(dir, 'scenarios/cart-memory.yaml'), 'utf8').split('\n');
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
    expect(r.stdout).toContain(`scenarios/cart-memory.yaml:${lineOf('flags: [sort]')}:`);
    expect(r.stdout).toMatch(/rounds\[probe\]\.rubric\.evidence\[ran-top\]\.any\[0\]\.flags\[0\]: "kubectl top" has no flag --sort — /);
    expect(r.stdout).toContain(`scenarios/cart-memory.yaml:${lineOf('05-synthesys.mdx')}:13: rounds[synthesis].prompt: content/cart-memory/05-synthesys.mdx does not exist — create it (npm run scenario:new scaffolds one) or fix the path`);
    expect(r.stdout).toContain('cart-memory: scenario:check FAILED');
    edit('scenarios/cart-memory.yaml', 'flags: [sort] ', '');
    edit('scenarios/cart-memory.yaml', '05-synthesys.mdx', '05-synthesis.mdx');
    expect(tool('src/cli/check.ts', 'cart-memory', '--seeds', '0').status).toBe(0);
  });

  it('--watch checks again on every save, until stopped', { timeout: 120_000 }, async () => {
    const child = spawn(tsx, ['src/cli/check.ts', 'cart-memory', '--watch', '--seeds', '0', '--dir', dir], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    /** Waits until the output after `from` matches `re`; returns where that match ends. */
    const until = (re: RegExp, from: number) => new Promise<number>((resolve, reject) => {
      const t = setInterval(() => { const m = re.exec(out.slice(from)); if (m) { clearInterval(t); resolve(from + m.index + m[0].length); } }, 100);
      child.on('exit', () => { clearInterval(t); reject(new Error(`check --watch exited:\n${out}`)); });
    });
    try {
      let at = await until(/cart-memory: scenario:check passed\nwatching for changes \(Ctrl-C to stop\)\n/, 0);
      edit('scenarios/cart-memory.yaml', 'replicas: 4', 'replicas: four');
      at = await until(/cluster\.workloads\[cart\]\.replicas: expected a number, found text "four" — write a number here[\s\S]*cart-memory: scenario:check FAILED\n/, at);
      expect(out.slice(at - 400, at)).toMatch(/\n--- \d\d:\d\d:\d\d ---\n/);
      edit('scenarios/cart-memory.yaml', 'replicas: four', 'replicas: 4');
      await until(/cart-memory: scenario:check passed\n/, at);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('fails the check on a solution line the simulator cannot run, naming the line', { timeout: 60_000 }, () => {
    cpSync(join(dir, 'scenarios/cart-memory.solution.txt'), join(dir, 'solution.bak'));
    edit('scenarios/cart-memory.solution.txt', 'kubectl top pods -n shop\n', 'kubectl top pods -n shop\nkubectl rollout histroy deployment cart -n shop\n');
    const r = tool('src/cli/check.ts', 'cart-memory', '--seeds', '0');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL scenarios\/cart-memory\.solution\.txt:8: the simulator cannot run `kubectl rollout histroy deployment cart -n shop`: error: unknown command \\?"histroy\\?"/);
    cpSync(join(dir, 'solution.bak'), join(dir, 'scenarios/cart-memory.solution.txt'));
  });

  it('plays the solution through the headless CLI, as written and under a variant seed', { timeout: 60_000 }, () => {
    const r = tool('src/cli/main.ts', '--scenario', 'cart-memory', '--script', join(dir, 'scenarios/cart-memory.solution.txt'), '--report', 'json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\n{\n') + 1));
    expect(report.rounds.map((x: { round: string; score: number }) => `${x.round} ${x.score >= 85}`)).toEqual(['opening true', 'probe true', 'constraint true', 'curveball true', 'synthesis true']);
    // The same solution, as written, under variant 2: other node names, rewritten into the script.
    const v = tool('src/cli/main.ts', '--scenario', 'cart-memory', '--seed', '2', '--script', join(dir, 'scenarios/cart-memory.solution.txt'), '--report', 'json');
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.split('\n')[0]).toMatch(/^Cart keeps restarting \(L2, 15-20 min\), variant 2: ip-10-0-\d-\d+ → ip-10-0-\d-\d+, /);
    expect(v.stdout.slice(v.stdout.indexOf('\n'))).not.toMatch(/ip-10-0-1-21\b/);
    const vr = JSON.parse(v.stdout.slice(v.stdout.lastIndexOf('\n{\n') + 1));
    expect(vr.rounds.every((x: { score: number }) => x.score >= 85)).toBe(true);
  });

  it('sim refuses a scenario whose content file is missing, naming it', () => {
    rmSync(join(dir, 'content/cart-memory/03-constraint-model.mdx'));
    const r = tool('src/cli/main.ts', '--scenario', 'cart-memory');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sim: scenarios\/cart-memory\.yaml:\d+:18: rounds\[constraint\]\.modelAnswer: content\/cart-memory\/03-constraint-model\.mdx does not exist/);
  });

  it('calibrate reports a broken calibration file with its line and goes on to the next scenario', { timeout: 60_000 }, () => {
    tool('src/cli/new.ts', 'second-one');
    edit('tests/calibration/cart-memory.yaml', '  - id: probe\n', '  - id: prob\n');
    const r = tool('tests/calibration/run.ts');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('cart-memory: not calibrated');
    expect(r.stdout).toMatch(/tests\/calibration\/cart-memory\.yaml:\d+:9: rounds\[prob\]\.id: no round "prob" in the scenario — did you mean "probe"\?/);
    expect(r.stdout).toContain('second-one: agreement 100.0% (20/20 answers in band)');
  });
});
