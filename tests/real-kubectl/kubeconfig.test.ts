import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKubectl133 } from './compare.ts';
import { manifestSession } from '../../src/core/testing/tinyScenario.ts';
import { KUBECONFIG_PATH } from '../../src/core/kubeconfig.ts';

const kubectl = findKubectl133();

/** Lines that read and edit the kubeconfig, errors included, in an order that builds on itself. */
const LINES = [
  'config get-clusters', 'config get-users', 'config set-cluster e2e --server=https://1.2.3.4',
  'config set-cluster e2e --insecure-skip-tls-verify', 'config set-cluster e2e --embed-certs',
  'config set-cluster e2e --embed-certs --certificate-authority=/nope/ca.crt',
  'config set-credentials ci --token=abc', 'config set-credentials ci --token=abc --username=x',
  'config set-credentials ci --username=u --password=p', 'config set-context e2e --cluster=e2e --user=ci',
  'config rename-context e2e staging', 'config rename-context e2e staging', 'config rename-context staging test',
  'config rename-context staging', 'config set contexts.staging.namespace web', 'config set contexts.new.cluster e2e',
  'config set clusters.e2e foo', 'config set clusters.e2e.insecure-skip-tls-verify maybe',
  'config set clusters.e2e.insecure-skip-tls-verify false', 'config set clusters.e2e.certificate-authority-data %%%',
  'config set clusters.10.0.0.1.server https://10.0.0.1', 'config set bogus 1', 'config set contexts.staging.namespace.more 1',
  'config set preferences.colors true', 'config set current-context', 'config set', 'config unset users.none.token',
  'config unset contexts.new', 'config unset contexts.staging.namespace', 'config delete-context nope',
  'config delete-cluster nope', 'config delete-user', 'config delete-user ci', 'config get-users', 'config get-clusters',
  'config get-contexts', 'config view', 'config delete-context test', 'config unset current-context', 'config get-contexts',
  ...['', 'get-clusters', 'get-users', 'delete-context', 'delete-cluster', 'delete-user', 'rename-context', 'set', 'unset', 'set-cluster', 'set-credentials'].map((sub) => `config ${sub} --help`.replace('  ', ' ')),
];

/** Real kubectl's heap addresses and our stable stand-ins, and the two kubeconfig paths, made comparable. */
const normal = (text: string, file: string) => text.replaceAll(file, KUBECONFIG_PATH).replace(/0xc[0-9a-f]+/g, '0xc…');

describe.skipIf(!kubectl)(`kubectl config against the real kubectl 1.33 (${kubectl ? 'present' : 'kubectl.1.33 not found beside the kubectl on PATH'})`, () => {
  it('prints what the real one prints, line after line, on the same kubeconfig', () => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-'));
    try {
      const file = path.join(dir, 'config');
      writeFileSync(file, s.run('cat ~/.kube/config').output);
      const diffs: string[] = [];
      for (const line of LINES) {
        const real = spawnSync(kubectl!, line.split(' '), { encoding: 'utf8', env: { PATH: process.env.PATH, KUBECONFIG: file, HOME: dir } });
        const ours = s.run(`kubectl ${line} 2>&1; echo "exit $?"`).output;
        // get-clusters ranges over a Go map: the real order changes from run to run, so compare the set of names.
        const order = (t: string) => (line === 'config get-clusters' ? t.split('\n').sort().join('\n') : t);
        const want = order(normal(`${real.stdout}${real.stderr}exit ${real.status}\n`, file));
        if (order(normal(ours, file)) !== want) diffs.push(`$ kubectl ${line}\n--- real\n${want}--- ours\n${ours}`);
      }
      expect(diffs.join('\n')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // about fifty real kubectl runs; a loaded machine takes its time
});
