import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('CLI --report markdown', () => {
  it('prints the Markdown report last, model answers included', () => {
    const out = execFileSync(tsx, ['src/cli/main.ts', '--scenario', 'sigill-node', '--script', 'scenarios/sigill-node.solution.txt', '--report', 'markdown'], { cwd: root, encoding: 'utf8' });
    const md = out.slice(out.indexOf('# Report: '));
    expect(md).toMatch(/^# Report: Pods crash-looping on one node\n\nScenario `sigill-node` · total score \*\*\d+\/100\*\* · 5 of 5 rounds answered\n/);
    expect(md).toContain('#### Model answer\n\nCrashLoopBackOff is kubelet telling you the container keeps exiting');
    expect(md).toContain('| 1 | Kubernetes pod debugging fundamentals |');
    expect(md).toMatch(/\n## Your path\n\n1\. `kubectl get pods -n production -o wide` on laptop\n/);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('names the formats it takes when given another', () => {
    const r = sim('--scenario', 'sigill-node', '--report', 'pdf');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sim: --report takes json, markdown or text, not "pdf"\n');
  });
});
