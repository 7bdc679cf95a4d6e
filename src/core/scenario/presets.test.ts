import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, formatProblem } from './check/index.ts';
import { Session } from '../session/session.ts';
import { playLine } from '../session/script.ts';

/** The scaffold's scenario (written on the eks-1.31 preset) as the file `scenarios/preset-demo.yaml`. */
const FILE = 'scenarios/preset-demo.yaml';
const template = readFileSync(join(import.meta.dirname, '..', '..', 'cli', 'template', 'scenario.yaml'), 'utf8').replaceAll('__ID__', 'preset-demo').replaceAll('__TITLE__', 'Preset demo').replaceAll('__SCENARIO_SCHEMA__', 'x.json');
const edit = (text: string, from: string, to: string) => { expect(text).toContain(from); return text.replace(from, to); };
const look = (s: Session, line: string) => { const e = playLine(s, line, s.now + 2000); return e?.kind === 'command' ? e.output : ''; };

describe('cluster presets', () => {
  it('eks-1.31 supplies version, CPU models, node facts, system namespaces, kube-proxy and CoreDNS', () => {
    const r = checkScenario(FILE, template);
    expect(r.problems.map(formatProblem)).toEqual([]);
    const c = r.scenario!.cluster;
    expect(c.serverVersion).toBe('v1.31.4');
    expect(c.namespaces).toEqual(['default', 'kube-system', 'shop']);
    expect(Object.keys(c.cpuModels)).toEqual(['icelake', 'epyc-naples']);
    const s = Session.start(r.scenario!);
    expect(look(s, 'kubectl get ds,deploy -n kube-system')).toMatch(/daemonset\.apps\/kube-proxy\s+3\s+3\s+3[\s\S]*deployment\.apps\/coredns\s+2\/2/);
    expect(look(s, 'kubectl get nodes -o wide')).toContain('Ubuntu 22.04.5 LTS   6.8.0-1021-aws   containerd://1.7.24');
  });

  it('lets the file override any field, key by key, and lists by name', () => {
    let text = edit(template, '  nodes:\n', '  nodeDefaults:\n    osImage: Debian GNU/Linux 12 (bookworm)\n    capacity: { cpu: "8" }\n  nodes:\n');
    text = edit(text, '  workloads:                       # each becomes a Deployment; its pods carry app: <name>\n', '  workloads:\n    - { name: coredns, namespace: kube-system, replicas: 3, image: registry.k8s.io/coredns/coredns:v1.11.3 }\n');
    const r = checkScenario(FILE, text);
    expect(r.problems.map(formatProblem)).toEqual([]);
    const c = r.scenario!.cluster;
    expect(c.nodeDefaults.osImage).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(c.nodeDefaults.kernelRelease).toBe('6.8.0-1021-aws');
    expect(c.nodeDefaults.capacity).toEqual({ cpu: '8', memory: '16221392Ki', pods: '58', 'ephemeral-storage': '104845292Ki' });
    expect(c.workloads.map((w) => `${w.name} ${w.replicas}`)).toEqual(['coredns 3', 'cart 3']);
    expect(c.workloads[0].limits).toEqual({ memory: '170Mi' });
  });

  it('kubeadm-ha brings three etcd members; the file adds workers and slows one member\'s disk', () => {
    let text = edit(template, 'preset: eks-1.31', 'preset: kubeadm-ha');
    text = edit(text, '  nodes:\n', '  nodes:\n    - { name: cp-2, disks: [{ name: nvme1n1, fsyncP50: 40ms, fsyncP99: 250ms, utilPct: 100 }] }\n');
    const r = checkScenario(FILE, text);
    expect(r.problems.map(formatProblem)).toEqual([]);
    const nodes = r.scenario!.cluster.nodes;
    expect(nodes.map((n) => n.name)).toEqual(['cp-1', 'cp-2', 'cp-3', 'ip-10-0-1-21', 'ip-10-0-2-34', 'ip-10-0-3-47']);
    expect(nodes[1]).toMatchObject({ zone: 'eu-central-1b', roles: ['control-plane'], disks: [{ name: 'nvme1n1', mount: '/var/lib/etcd', fsyncP99: '250ms', writeMBps: 400 }] });
    const s = Session.start(r.scenario!);
    expect(look(s, 'kubectl get pods -n kube-system')).toMatch(/etcd-cp-1 [\s\S]*kube-apiserver-cp-3 /);
    look(s, 'ssh cp-1');
    expect(look(s, 'etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key member list')).toMatch(/started, cp-1, https:\/\/10\.0\.1\.11:2380[\s\S]*cp-2[\s\S]*cp-3/);
  });

  it('names an unknown preset with the ones that exist, and locates problems in the file, not the preset', () => {
    let text = edit(template, 'preset: eks-1.31', 'preset: eks-131');
    text = edit(text, 'cpu: icelake, age: 30d }\n    - { name: ip-10-0-2-34', 'cpu: icelake, age: 30d, size: big }\n    - { name: ip-10-0-2-34');
    const lines = text.split('\n');
    const at = (needle: string, col: string) => { const i = lines.findIndex((l) => l.includes(needle)); return `${i + 1}:${lines[i].indexOf(col) + 1}`; };
    const size = `${FILE}:${at('size: big', 'size')}: cluster.nodes[ip-10-0-1-21].size: unknown field "size" — remove it or fix the spelling; use one of: age, allocatable, arch, capacity, cpu, disks, instanceType, ip, kernelBuild, kernelRelease, kubeletVersion, labels, name, osImage, roles, taints, zone`;
    expect(checkScenario(FILE, text).problems.map(formatProblem)).toEqual([
      `${FILE}:${at('preset: eks-131', 'eks-131')}: cluster.preset: unknown preset "eks-131" — did you mean "eks-1.31"? (valid: eks-1.31, kubeadm-ha)`,
      size,
    ]);
    // kubeadm-ha puts its control-plane nodes first: the file's first node is the merged list's fourth.
    expect(checkScenario(FILE, edit(text, 'preset: eks-131', 'preset: kubeadm-ha')).problems.map(formatProblem)).toEqual([size]);
  });
});
