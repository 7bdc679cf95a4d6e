/**
 * `kubectl create` generators (deployment, service *, serviceaccount, …) against the real kubectl
 * 1.33 on the same lines: whole `--help`, the request `--dry-run=client` prints in every format,
 * and the generators' own errors, stdout and stderr together with the exit status. These lines
 * never reach an API server, so the real binary runs without a kubeconfig.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findKubectl133 } from './compare.ts';
import { manifestSession } from '../../src/core/testing/tinyScenario.ts';
import { splitWords } from '../../src/core/commands/kubectl/testing.ts';

const kubectl = findKubectl133();

const HELP = ['create deployment --help', 'create deploy -h', 'create service --help', 'create svc clusterip --help',
  'create service nodeport --help', 'create service loadbalancer --help', 'create service externalname --help', 'create sa --help',
  'create serviceaccount --help', 'create namespace --help', 'create job --help', 'create cronjob --help',
  'create clusterrolebinding --help'];

const DEPLOYMENT = [
  'create deployment x --image=nginx --dry-run=client -o yaml',
  'create deploy x --image=nginx --image=busybox:1.36 --port=80 -r 3 --dry-run=client -o yaml',
  'create deployment x --image=busybox --dry-run=client -o json -- sleep 10',
  'create deployment x --image=nginx -n prod --dry-run=client -o yaml',
  'create deployment x --image=registry.k8s.io/pause:3.9 --image=my.reg:5000/a/b@sha256:abc --dry-run=client -o yaml',
  'create deployment X --image=Nginx:Latest --dry-run=client -o yaml',
  'create deployment x --image=a --port=0 --dry-run=client -o yaml', 'create deployment x --image= --dry-run=client -o yaml',
  'create deployment x --image=a,b --dry-run=client -o yaml',
  'create deployment x --image=nginx --dry-run=client', 'create deployment x --image=nginx --dry-run=client -o name',
  'create deployment x --image=nginx --dry-run=client -o jsonpath={.spec.template.spec.containers[0].name}',
  'create deployment x --image=nginx -r -1 --dry-run=client',
  'create deployment x --dry-run=client', 'create deployment --dry-run=client', 'create deployment --image=nginx --dry-run=client',
  'create deployment x y --image=nginx --dry-run=client', 'create deployment x --image=nginx --port=abc',
  'create deployment x --image=nginx --replicas=abc', 'create deployment x --image=a --port=99999999999', 'create deployment x --image=a --port=3000000000',
  'create deployment x --image=nginx -o wide --dry-run=client', 'create deployment x --image=a --image=b --dry-run=client -- sleep 1',
  'create deployment x --image=nginx --dry-run=bogus', 'create deployment x --image=nginx --foo',
];

const SERVICE = [
  'create service clusterip x --tcp=5678:8080 --dry-run=client -o yaml', 'create service clusterip x --clusterip=None --dry-run=client -o yaml',
  'create service clusterip x --clusterip=None --tcp=80 --dry-run=client -o yaml', 'create service clusterip x --tcp=80,81 --dry-run=client -o yaml',
  'create service nodeport x --tcp=80:http,443 --node-port=30080 --dry-run=client -o yaml',
  'create service loadbalancer x --tcp=80:8080 --dry-run=client -o yaml',
  'create service externalname x --external-name=db.example.com --dry-run=client -o yaml',
  'create service clusterip x --tcp=80 --tcp=90 --dry-run=client -o json', 'create service clusterip x --tcp=80 -n prod --dry-run=client -o yaml',
  'create service clusterip x --tcp=80:90:100 --dry-run=client -o yaml', 'create service clusterip x --tcp=80:abc --dry-run=client -o yaml',
  'create service clusterip x --tcp=0 --dry-run=client', 'create service clusterip x --tcp=80 --dry-run=client -o name',
  'create svc clusterip x --dry-run=client -o yaml', 'create service externalname x --dry-run=client',
  'create service externalname x --external-name=Bad_Name --dry-run=client', 'create service clusterip x --tcp=abc --dry-run=client',
  'create service clusterip x --tcp=70000 --dry-run=client', 'create service clusterip x --tcp=80:0 --dry-run=client',
  'create service clusterip x --tcp=80: --dry-run=client', 'create service clusterip x --tcp=:80 --dry-run=client',
  'create service clusterip x --tcp=80:averyveryverylongname --dry-run=client', 'create service clusterip x --tcp=80:a--b --dry-run=client',
  'create service nodeport x --dry-run=client', 'create service loadbalancer x --dry-run=client',
  'create service nodeport x --clusterip=None --dry-run=client', 'create service loadbalancer x --clusterip=None --tcp=80 --dry-run=client',
  'create service nodeport x --tcp=80 --node-port=abc --dry-run=client', 'create service', 'create service foo', 'create service clusterip',
];

const SERVICE_ACCOUNT = [
  'create sa x --dry-run=client -o yaml', 'create sa x --dry-run=client -o json', 'create serviceaccount x -n prod --dry-run=client -o yaml',
  'create serviceaccount x --dry-run=client', 'create sa --dry-run=client', 'create sa x y --dry-run=client', 'create sa x --image=foo',
];

describe.skipIf(!kubectl)(`kubectl create generators against the real kubectl 1.33 (${kubectl ? 'present' : 'skipped: kubectl.1.33 not found beside the kubectl on PATH'})`, () => {
  it.each([['help', HELP], ['deployment', DEPLOYMENT], ['service', SERVICE], ['serviceaccount', SERVICE_ACCOUNT]])('%s: prints what the real one prints, line for line', (_, lines) => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);
    const diffs: string[] = [];
    for (const line of lines) {
      const real = spawnSync(kubectl!, splitWords(line), { encoding: 'utf8', env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: '/nonexistent' } });
      const want = `${real.stdout}${real.stderr}exit ${real.status}\n`;
      const ours = s.run(`kubectl ${line} 2>&1; echo "exit $?"`).output;
      if (ours !== want) diffs.push(`$ kubectl ${line}\n--- real\n${want}--- ours\n${ours}`);
    }
    expect(diffs.join('\n')).toBe('');
  });
});
