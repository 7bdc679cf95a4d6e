import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_DIR } from '../shared.ts';

/** The repository root (this file is tests/real-kubectl/compare.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** shared/ sits beside the repository (CI clones it there); GAUNTLET_SHARED overrides it (tests/shared.ts). */
export { SHARED_DIR };
const DESCRIBE_SH = path.join(SHARED_DIR, 'tools/kube-fake-api/describe.sh');
/**
 * Extra runs when real and ours differ: kube-fake-api's frozen clock holds only while kubectl
 * answers within about a second, so under a loaded test run a real age may read one second later.
 * A real difference survives every run; a clock slip does not.
 */
const RETRIES = 2;

/** The real kubectl 1.33 binary beside the `kubectl` dispatcher on PATH, or undefined. */
export function findKubectl133(): string | undefined {
  const r = spawnSync('bash', ['-c', 'readlink -f "$(command -v kubectl)"'], { encoding: 'utf8' });
  const real = r.status === 0 ? r.stdout.trim() : '';
  if (!real) return undefined;
  const candidate = path.join(path.dirname(real), 'kubectl.1.33');
  return existsSync(candidate) ? candidate : undefined;
}

/** Why the live comparison cannot run here, or undefined when it can. */
export function whyNoRealKubectl(): string | undefined {
  if (!existsSync(DESCRIBE_SH)) return `shared/ not found beside the repository (looked for ${DESCRIBE_SH})`;
  if (!findKubectl133()) return 'kubectl.1.33 not found beside the kubectl on PATH';
  return undefined;
}

export interface Comparison {
  /** What real kubectl printed on stdout. */
  real: string;
  /** Its stderr and exit status, for diagnosis. */
  stderr: string;
  exitCode: number;
  equal: boolean;
}

/**
 * Runs the REAL `kubectl describe KIND NAME [-n NAMESPACE]` (kubectl 1.33) against kube-fake-api
 * serving exactly `objects` (plus their events), with the fake API's clock at `now`, and compares
 * its stdout with `ourText` byte for byte. Give every object `describe` reads: for a pod its
 * events, for a node its pods, events and Lease, for a deployment its ReplicaSets and events.
 * Throws when the tools are missing — call whyNoRealKubectl() first and skip with its reason.
 */
export function compareWithRealKubectl(objects: readonly unknown[], kind: string, name: string, namespace: string | undefined, ourText: string, now = '2024-06-12T10:30:00Z'): Comparison {
  const why = whyNoRealKubectl();
  if (why) throw new Error(`cannot run real kubectl: ${why}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'real-kubectl-'));
  try {
    const file = path.join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', fakeApi: { now }, items: objects }));
    const args = [DESCRIBE_SH, file, kind, name, ...(namespace ? [namespace] : [])];
    let r = spawnSync('bash', args, { encoding: 'utf8', env: { ...process.env, KUBECTL: findKubectl133(), TZ: 'UTC' }, timeout: 60_000 });
    // The fake clock holds for about a second: on a loaded machine an age can tick on. Ask again.
    for (let i = 0; i < RETRIES && r.stdout !== ourText; i++) r = spawnSync('bash', args, { encoding: 'utf8', env: { ...process.env, KUBECTL: findKubectl133(), TZ: 'UTC' }, timeout: 60_000 });
    return { real: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1, equal: r.stdout === ourText };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const KUBECTL_SH = path.join(SHARED_DIR, 'tools/kube-fake-api/kubectl.sh');

/** What real kubectl printed for one command line. */
export interface RealRun { stdout: string; stderr: string; exitCode: number }

/**
 * Runs the REAL kubectl 1.33 with `args` (e.g. ['describe', 'pdb', 'x', '-n', 'y']) against
 * kube-fake-api serving `objects`, its clock at `now` (RFC 3339; ages come out as at that instant,
 * absolute dates are shifted back). One server per call: the frozen clock holds for about a second,
 * so when `expected` is given and says no, kubectl is asked again (RETRIES) before the answer stands.
 * Throws when the tools are missing — call whyNoRealKubectl() first and skip with its reason.
 */
export function runRealKubectl(objects: readonly unknown[], args: readonly string[], now: string, expected?: (stdout: string) => boolean): RealRun {
  const why = whyNoRealKubectl();
  if (why) throw new Error(`cannot run real kubectl: ${why}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'real-kubectl-'));
  try {
    const file = path.join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', fakeApi: { now }, items: objects }));
    const run = () => spawnSync('bash', [KUBECTL_SH, file, ...args], { encoding: 'utf8', env: { ...process.env, KUBECTL: findKubectl133(), TZ: 'UTC' }, timeout: 60_000 });
    let r = run();
    for (let i = 0; expected && i < RETRIES && !expected(r.stdout); i++) r = run();
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SERVER_MJS = path.join(SHARED_DIR, 'tools/kube-fake-api/server.mjs');

/** One kube-fake-api kept running for many kubectl lines (`startFakeApi`). */
export interface FakeApi {
  /** The REAL kubectl 1.33 with `args` against the server: stdout and stderr merged in the order written, and the exit status. */
  run(args: readonly string[]): { output: string; exitCode: number };
  /** Stops the server and removes its folder. */
  stop(): void;
}

/**
 * Starts kube-fake-api serving `objects` (its clock not shifted) for lines that only need discovery,
 * such as `create role --resource=rs.apps --dry-run=client`, whose RESTMapper asks the server what
 * `rs` is. One server for all lines: starting one per line costs seconds each.
 * Throws when the tools are missing — call whyNoRealKubectl() first and skip with its reason.
 */
export function startFakeApi(objects: readonly unknown[]): FakeApi {
  const why = whyNoRealKubectl();
  if (why) throw new Error(`cannot run real kubectl: ${why}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'real-kubectl-'));
  const fixture = path.join(dir, 'objects.json');
  const ready = path.join(dir, 'ready');
  writeFileSync(fixture, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  const server = spawn('node', [SERVER_MJS, '--fixture', fixture, '--port', '0', '--ready-file', ready, '--now', 'none'], { stdio: 'ignore' });
  const stop = () => { server.kill(); rmSync(dir, { recursive: true, force: true }); };
  for (let i = 0; i < 200 && !(existsSync(ready) && readFileSync(ready, 'utf8').trim()); i++) spawnSync('sleep', ['0.05']);
  const port = existsSync(ready) ? readFileSync(ready, 'utf8').trim().split(/\s+/)[0] : '';
  if (!port) { stop(); throw new Error('kube-fake-api did not start'); }
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:${port}\n  name: fake\ncontexts:\n- context:\n    cluster: fake\n    namespace: default\n    user: fake\n  name: fake\ncurrent-context: fake\nusers:\n- name: fake\n  user: {}\n`);
  const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig, KUBECTL_KUBERC: 'false', TZ: 'UTC' };
  const run = (args: readonly string[]) => {
    // bash's 2>&1 keeps kubectl's own order of warnings and output.
    const r = spawnSync('bash', ['-c', '"$0" --cache-dir "$CACHE" "$@" 2>&1', findKubectl133()!, ...args], { encoding: 'utf8', env: { ...env, CACHE: path.join(dir, 'cache') }, timeout: 60_000 });
    return { output: r.stdout, exitCode: r.status ?? -1 };
  };
  return { run, stop };
}
