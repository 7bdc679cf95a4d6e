/**
 * `kubectl cluster-info dump` typed in a session on the crashloop scenario: the lists in
 * clusterinfo_dump.go's order, each container's log between its START/END lines, the files
 * --output-directory writes, and kubectl 1.33's errors and help.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

function typed(lines: string[], s = Session.start(load('crashloop.yaml'))): string[] {
  return lines.map((l) => {
    let out = s.run(l).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out;
  });
}

describe('kubectl cluster-info dump', () => {
  it('prints the NodeList, then per namespace its lists in dump.go\'s order and the pods\' logs', () => {
    const s = Session.start(load('crashloop.yaml'));
    const [kinds, rcs, logs, both] = typed([
      'kubectl cluster-info dump --namespaces data | grep \'^    "kind"\'',
      'kubectl cluster-info dump --namespaces data | grep -B1 -A6 \'"kind": "ReplicationControllerList"\'',
      'kubectl cluster-info dump --namespaces data | grep -A1 "^===="',
      'kubectl cluster-info dump | grep -c \'^    "kind": "PodList"\'',
    ], s);
    expect(kinds).toBe(['NodeList', 'EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'].map((k) => `    "kind": "${k}",\n`).join(''));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name;
    expect(logs).toBe(`==== START logs for container redis-master of pod data/${pod} ====\n1:M 16 May 2026 00:00:00.000 * Ready to accept connections tcp\n==== END logs for container redis-master of pod data/${pod} ====\n`);
    // Without --namespaces: kube-system, then the context's namespace.
    expect(both).toBe('2\n');
    expect(rcs).toMatch(/^\{\n    "kind": "ReplicationControllerList",\n    "apiVersion": "v1",\n    "metadata": \{\n        "resourceVersion": "\d+"\n    \},\n    "items": \[\]\n\}\n$/);
  });

  it('prints each item as the typed client does: no kind, metadata first in ObjectMeta order', () => {
    const [svc] = typed(['kubectl cluster-info dump --namespaces data | grep -A10 \'"kind": "ServiceList"\' | sed -n 7,10p']);
    expect(svc).toBe('        {\n            "metadata": {\n                "name": "redis-master",\n                "namespace": "data",\n');
  });

  it('writes the files of --output-directory and says where', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name;
    const out = typed(['kubectl cluster-info dump --namespaces data --output-directory=/tmp/dump', 'ls /tmp/dump /tmp/dump/data', `wc -l < /tmp/dump/data/${pod}/logs.txt`, 'kubectl cluster-info dump --output-directory=/etc/dump'], s);
    expect(out).toEqual([
      'Cluster info dumped to /tmp/dump\n',
      `/tmp/dump:\ndata\nnodes.json\n\n/tmp/dump/data:\ndaemonsets.json\ndeployments.json\nevents.json\npods.json\n${pod}\nreplicasets.json\nreplication-controllers.json\nservices.json\n`,
      '3\n',
      'error: mkdir /etc/dump: permission denied\n',
    ]);
  });

  it('answers kubectl\'s printer errors', () => {
    expect(typed(['kubectl cluster-info dump -o wide', 'kubectl cluster-info dump -o name'])).toEqual([
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      'error: list types are not supported by name printing: *v1.NodeList\n',
    ]);
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl cluster-info [dump] --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    for (const args of [['cluster-info', '--help'], ['cluster-info', 'dump', '--help']]) expect(typed([`kubectl ${args.join(' ')}`])[0]).toBe(spawnSync(real!, args, { encoding: 'utf8' }).stdout);
  });
});
