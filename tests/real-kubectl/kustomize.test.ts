/**
 * `kubectl kustomize DIR` in the simulator against the real kubectl 1.33 (which runs kustomize
 * locally, no cluster needed): each directory of kustomizeCases.ts is written to a temporary
 * directory for the real binary and, through the learner's shell (mkdir, here-documents), under
 * the laptop's home for ours; both builds must match byte for byte (resource order, YAML layout,
 * hash suffixes, stderr warnings), and so must the errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/core/session/session.ts';
import { load } from '../unit/garbage.ts';
import { findKubectl133 } from './compare.ts';
import { KUSTOMIZE_CASES, KUSTOMIZE_ERRORS, type KustomizeCase } from './kustomizeCases.ts';

const real = findKubectl133();
const root = real ? mkdtempSync(path.join(os.tmpdir(), 'kustomize-')) : '';
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** stdout, stderr and exit status of the real build, the temporary root written as ROOT. */
function realBuild(c: KustomizeCase, index: number): { stdout: string; stderr: string; rc: number } {
  const base = path.join(root, String(index));
  for (const [p, text] of Object.entries(c.files)) {
    mkdirSync(path.dirname(path.join(base, p)), { recursive: true });
    writeFileSync(path.join(base, p), text);
  }
  mkdirSync(base, { recursive: true });
  const r = spawnSync(real!, ['kustomize', c.dir], { cwd: base, encoding: 'utf8' });
  const norm = (s: string) => s.split(base).join('ROOT');
  return { stdout: norm(r.stdout), stderr: norm(r.stderr), rc: r.status ?? -1 };
}

/** The same through the simulated shell: files written with mkdir and here-documents under ~/k<index>. */
function ourBuild(c: KustomizeCase, index: number): { stdout: string; stderr: string; rc: number } {
  const s = Session.start(load('crashloop.yaml'));
  const base = `k${index}`;
  s.run(`mkdir -p ${base} && cd ${base}`);
  for (const [p, text] of Object.entries(c.files)) {
    if (p.includes('/')) s.run(`mkdir -p ${path.dirname(p)}`);
    s.run(`cat > ${p} <<'EOF'\n${text.replace(/\n$/, '')}\nEOF`);
  }
  const home = s.run('pwd').output.trim();
  const norm = (t: string) => t.split(home).join('ROOT');
  const stdout = s.run(`kubectl kustomize ${c.dir} 2>/dev/null`).output;
  const stderr = s.run(`kubectl kustomize ${c.dir} 2>&1 >/dev/null`).output;
  s.run(`kubectl kustomize ${c.dir} >/dev/null 2>&1`);
  const rc = Number(s.run('echo $?').output.trim());
  return { stdout: norm(stdout), stderr: norm(stderr), rc };
}

describe.skipIf(!real)(`kubectl kustomize against kubectl 1.33${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it.each(KUSTOMIZE_CASES.map((c, i) => [c.name, c, i] as const))('builds %s as kustomize does', (_name, c, i) => {
    const want = realBuild(c, i);
    expect(want.rc).toBe(0);
    expect(ourBuild(c, i)).toEqual(want);
  });

  it.each(KUSTOMIZE_ERRORS.map((c, i) => [c.name, c, 100 + i] as const))('refuses %s with kustomize\'s error', (_name, c, i) => {
    const want = realBuild(c, i);
    expect(want.rc).toBe(1);
    expect(ourBuild(c, i)).toEqual(want);
  });
});
