import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, formatProblem } from './index.ts';
import { parseScenario } from '../parse.ts';
import { faultKinds } from '../../sim/faults/kinds.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const FILE = 'scenarios/sigill-node.yaml';
const original = readFileSync(join(root, FILE), 'utf8');
const contentExists = (p: string) => existsSync(join(root, 'content', p));

/** The file with each `[from, to]` replaced once (each must be present), and a finder for lines of the result. */
function mutate(edits: [string, string][]) {
  let text = original;
  for (const [from, to] of edits) {
    expect(text.includes(from), `fixture no longer has ${JSON.stringify(from)}`).toBe(true);
    text = text.replace(from, to);
  }
  const lines = text.split('\n');
  /** 1-based line of the first line containing `needle`, and the column where it starts. */
  const at = (needle: string, colOf = needle) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return `${i + 1}:${lines[i].indexOf(colOf) + 1}`;
  };
  return { text, at };
}

describe('the scenario check', () => {
  it('passes every scenario under scenarios/ (content files included)', () => {
    for (const id of ['crashloop', 'etcd-slowness', 'oomkilled', 'pdb-deadlock', 'sigill-node']) {
      const r = checkScenario(`scenarios/${id}.yaml`, readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8'), { contentExists });
      expect(r.problems.map(formatProblem)).toEqual([]);
      expect(r.scenario?.meta.id).toBe(id);
    }
  });

  it('reports nine kinds of mistake in one run, each with file, line, column, field by id, what is wrong and the fix', () => {
    const { text, at } = mutate([
      ['          beforeDestructive: true', '          beforeDestrucive: true'],
      ['label: Described a crashing pod and saw its exit code\n          weight: 15', 'label: Described a crashing pod and saw its exit code\n          weight: fifteen'],
      ['kind: missing-cpu-flag', 'kind: missing-cpu-flags'],
      ['sequence: [ran-get-pods, ran-describe-pod, ran-logs-previous]', 'sequence: [ran-get-pods, ran-describe-pod, ran-log-previous]'],
      ['prompt: sigill-node/02-probe.mdx', 'prompt: sigill-node/02-prob.mdx'],
      ['    skill: Infrastructure guardrails', '      skill: Infrastructure guardrails'],
      ['{ id: crictl, label:', '{ id: journal, label:'],
      ['image: registry.internal:5000/web/storefront:2.31.0', 'image: registry.internal:5000/web/storefront:2.31.1'],
      ['flags: [previous]', 'flags: [prevous]'],
    ]);
    const r = checkScenario(FILE, text, { contentExists });
    expect(r.scenario).toBeUndefined();
    const images = 'registry.internal:5000/payments/ledger-api:4.11.0, registry.internal:5000/payments/ledger-api:4.12.3, registry.internal:5000/web/storefront:2.31.0, registry.k8s.io/coredns/coredns:v1.11.3, registry.k8s.io/kube-proxy:v1.31.4';
    const logsFlags = 'all-containers, all-pods, as, as-group, as-uid, cluster, container, context, follow, help, ignore-errors, insecure-skip-tls-verify, insecure-skip-tls-verify-backend, kubeconfig, limit-bytes, max-log-requests, namespace, pod-running-timeout, prefix, previous, request-timeout, selector, server, since, since-time, tail, timestamps, token, user, v, warnings-as-errors';
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:${at('storefront:2.31.1', 'registry')}: cluster.workloads[storefront].image: image "registry.internal:5000/web/storefront:2.31.1" is not listed under cluster.images — add an entry for it (digest, size, binary, logs); did you mean "registry.internal:5000/web/storefront:2.31.0"? (valid: ${images})`,
      `${FILE}:${at('missing-cpu-flags')}: faults[0].kind: unknown fault kind "missing-cpu-flags" — did you mean "missing-cpu-flag"? (valid: ${faultKinds.map((k) => k.kind).join(', ')})`,
      `${FILE}:${at('weight: fifteen', 'fifteen')}: rounds[opening].rubric.evidence[ran-describe-pod].weight: expected a number, found text "fifteen" — write a number here`,
      `${FILE}:${at('beforeDestrucive')}: rounds[opening].rubric.evidence[ran-logs-previous].beforeDestrucive: unknown field "beforeDestrucive" — remove it or fix the spelling; did you mean "beforeDestructive"? (valid: any, beforeDestructive, id, label, state, weight)`,
      `${FILE}:${at('prevous')}: rounds[opening].rubric.evidence[ran-logs-previous].any[0].flags[0]: "kubectl logs" has no flag --prevous — did you mean "previous"? (valid: ${logsFlags})`,
      `${FILE}:${at('ran-log-previous')}: rounds[opening].rubric.order.sequence[2]: no evidence "ran-log-previous" in this round — did you mean "ran-logs-previous"? (valid: ran-describe-pod, ran-get-pods, ran-logs-previous)`,
      `${FILE}:${at('02-prob.mdx', 'sigill-node/')}: rounds[probe].prompt: content/sigill-node/02-prob.mdx does not exist — create it (npm run scenario:new scaffolds one) or fix the path`,
      `${FILE}:${at('{ id: journal, label: "Read', '{ id')}: rounds[probe].rubric.evidence[journal]: duplicate evidence id "journal" (also item 4 of this list) — give each a different name`,
      `${FILE}:${at('      skill: Infrastructure', 'skill')}: (YAML): broken indentation: line ${at('      skill: Infrastructure').split(':')[0]} is indented more than the line above it (line ${at('title: The Curveball').split(':')[0]}, "title"), which already has its value — indent it like "title" (4 spaces), or give "title" no value on its own line`,
    ]);
  });

  it('holds manifests against the kind registry: a kind it models, the version it serves, the scope and namespace the kind has', () => {
    const { text, at } = mutate([['\n  history:\n', `
  manifests:
    - { apiVersion: networking.k8s.io/v1, kind: Ingres, metadata: { name: a, namespace: production } }
    - { apiVersion: networking.k8s.io/v1beta1, kind: Ingress, metadata: { name: b, namespace: production } }
    - { apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: { name: c, namespace: production }, provisioner: ebs.csi.aws.com }
    - { apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: { name: d, namespace: prod } }
  history:
`]]);
    const r = checkScenario(FILE, text, { contentExists });
    const modelled = r.problems.map(formatProblem).find((p) => p.includes('Ingres"'))!.match(/\(valid: (.*)\)$/)![1].split(', ');
    expect(modelled).toContain('HorizontalPodAutoscaler');
    expect(modelled).toContain('CronJob');
    expect(modelled).not.toContain('Pod');
    expect(r.problems.map(formatProblem)).toEqual([
      `${FILE}:${at('kind: Ingres,', 'Ingres')}: cluster.manifests[0].kind: no kind "Ingres" the simulator models — did you mean "Ingress"? (valid: ${modelled.join(', ')})`,
      `${FILE}:${at('v1beta1', 'networking')}: cluster.manifests[1].apiVersion: Ingress is served as networking.k8s.io/v1 — write apiVersion: networking.k8s.io/v1`,
      `${FILE}:${at('name: c, namespace', 'production')}: cluster.manifests[2].metadata.namespace: StorageClass is cluster-scoped — remove metadata.namespace`,
      `${FILE}:${at('namespace: prod }', 'prod }')}: cluster.manifests[3].metadata.namespace: namespace "prod" is not under cluster.namespaces — add it there or use one of: default, kube-system, production`,
    ]);
  });

  it('names the line a dedented entry is on, not where the parser gave up', () => {
    const { text, at } = mutate([['      replicas: 6', '     replicas: 6']]);
    const r = checkScenario(FILE, text);
    expect(formatProblem(r.problems[0])).toBe(`${FILE}:${at('     replicas: 6', 'replicas')}: (YAML): broken indentation: line ${at('     replicas: 6').split(':')[0]} is indented 5 spaces, which lines up with no block above it (open blocks start at 0, 2, 4 spaces; the entries of "workloads" start at 4) — line it up with its siblings`);
  });

  it('points at the opening bracket of an inline list that is never closed', () => {
    const { text, at } = mutate([['domains: [Kubernetes, Linux Kernel]', 'domains: [Kubernetes, Linux Kernel']]);
    expect(checkScenario(FILE, text).problems.map(formatProblem)[0]).toBe(`${FILE}:${at('domains: [', '[')}: (YAML): the "[" opened on line ${at('domains: [').split(':')[0]} is never closed — add the matching "]" (a list or mapping written inline must end on a line of its own item)`);
  });

  it('checks what the schema cannot: id and file name, duplicates, quantities, ports, probes, replicas, Secrets, unused faults', () => {
    const { text, at } = mutate([
      ['id: sigill-node', 'id: sigil-node'],
      ['requests: { cpu: 500m, memory: 512Mi }', 'requests: { cpu: 500m, memory: 512MB }'],
      ['ports: [8080, 9090]', 'ports: [8080, 90900]'],
      ['readiness: { path: /readyz, port: 8080, periodSeconds: 5 }', 'readiness: { path: /readyz, port: 8080, periodSeconds: 0 }'],
      ['replicas: 4', 'replicas: 5000'],
      ['env: { LEDGER_PROFILE: production,', 'env: { LEDGER_PROFILE: { secret: ledger, key: profile },'],
      ['images: ["registry.internal:5000/payments/ledger-api:*"]', 'images: ["registry.internal:5000/payment/ledger-api:*"]'],
      ['- { name: ip-10-42-1-54, ip: 10.42.1.54,', '- { name: ip-10-42-1-17, ip: 10.42.1.54,'],
    ]);
    const r = checkScenario(FILE, text);
    const got = r.problems.map(formatProblem);
    expect(got).toContain(`${FILE}:${at('id: sigil-node', 'sigil')}: id: the id "sigil-node" differs from the file name "sigill-node.yaml" — rename the file or set id: sigill-node`);
    expect(got).toContain(`${FILE}:${at('512MB')}: cluster.workloads[ledger-api].requests.memory: found "512MB" — write a Kubernetes quantity such as 500m, 2, 512Mi or 1.5Gi`);
    expect(got).toContain(`${FILE}:${at('90900')}: cluster.workloads[ledger-api].ports[1]: found 90900 — a port is 1-65535`);
    expect(got).toContain(`${FILE}:${at('periodSeconds: 0', '0 }')}: cluster.workloads[ledger-api].readiness.periodSeconds: found 0 — periodSeconds must be at least 1`);
    expect(got).toContain(`${FILE}:${at('replicas: 5000', '5000')}: cluster.workloads[storefront].replicas: found 5000 — at most 200 replicas per workload (the simulator plays every pod)`);
    expect(got).toContain(`${FILE}:${at('{ secret: ledger', '{ secret')}: cluster.workloads[ledger-api].env.LEDGER_PROFILE: no Secret "ledger" in namespace "production" under cluster.secrets — add it (a reference to a missing Secret leaves every pod in CreateContainerConfigError); none is defined yet`);
    expect(got).toContain(`${FILE}:${at('payment/ledger-api', '"registry')}: faults[0].images[0]: warning: "registry.internal:5000/payment/ledger-api:*" matches no image under cluster.images, so this fault never fires — did you mean "registry.internal:5000/payments/ledger-api:4.11.0" or "registry.internal:5000/payments/ledger-api:4.12.3"? (valid: registry.internal:5000/payments/ledger-api:4.11.0, registry.internal:5000/payments/ledger-api:4.12.3, registry.internal:5000/web/storefront:2.31.0, registry.k8s.io/coredns/coredns:v1.11.3, registry.k8s.io/kube-proxy:v1.31.4)`);
    expect(got).toContain(`${FILE}:${at('- { name: ip-10-42-1-17, ip: 10.42.1.54', '{ name')}: cluster.nodes[ip-10-42-1-17]: duplicate node name "ip-10-42-1-17" (also item 1 of this list) — give each a different name`);
    expect(got, got.join('\n')).toHaveLength(8);
  });

  it('keeps parseScenario for loaders: errors only, as strings; a warning alone still loads', () => {
    const { text } = mutate([['images: ["registry.internal:5000/payments/ledger-api:*"]', 'images: ["registry.internal:5000/payment/ledger-api:*"]']]);
    expect(parseScenario(FILE, text).ok).toBe(true);
    expect(checkScenario(FILE, text).problems).toHaveLength(1);
  });
});
