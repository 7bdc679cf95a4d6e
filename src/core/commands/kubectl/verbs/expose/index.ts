import { clone } from '../../../../clone.ts';
import type { Deployment, KubeObject, Pod, ReplicaSet, Service } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { getObject, qualifiedPlural, resolveKind } from '../../../../kinds/registry.ts';
import { resourceTargets } from '../../targets.ts';
import { fail, printOptions, type PrintOptions } from '../create/output.ts';
import { printJson, printYaml } from '../../../../printers/yaml.ts';
import { executeJsonPath } from '../../../../printers/jsonpath.ts';
import { EXPOSE_EXAMPLES, EXPOSE_FLAGS, EXPOSE_LONG, EXPOSE_USAGE } from './help.ts';
import { serviceErrors } from './validate.ts';

type ServicePort = Service['spec']['ports'][number];

/** `key=value,key=value` as kubectl's ParseLabels reads --selector and --labels: each pair split at its first `=`. */
function parsePairs(text: string): Record<string, string> | { error: string } {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) return { error: `invalid label spec: ${part}` };
    out[part.slice(0, at)] = part.slice(at + 1);
  }
  return out;
}

/** The pod template's containers of a workload, or the pod's own. */
const containersOf = (o: KubeObject) =>
  o.kind === 'Pod' ? (o as Pod).spec.containers : (o as Deployment | ReplicaSet).spec.template?.spec?.containers ?? [];

/**
 * polymorphichelpers' MapBasedSelectorForObject: a pod's labels, a Service's selector, a workload's
 * matchLabels (refused when it has match expressions); the error text after `introspection: `.
 */
function selectorOf(o: KubeObject): Record<string, string> | { error: string } {
  switch (o.kind) {
    case 'Pod': {
      const labels = o.metadata.labels ?? {};
      return Object.keys(labels).length ? labels : { error: 'the pod has no labels and cannot be exposed' };
    }
    case 'Service': {
      const sel = (o as Service).spec?.selector ?? {};
      return Object.keys(sel).length ? sel : { error: 'the service has no pod selector set' };
    }
    default: {
      const sel = (o as Deployment | ReplicaSet).spec.selector;
      if (sel?.matchExpressions?.length) {
        const exprs = sel.matchExpressions.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ');
        return { error: `couldn't convert expressions - "[${exprs}]" to map-based selector format` };
      }
      return { ...(sel?.matchLabels ?? {}) };
    }
  }
}

/** PortsForObject and ProtocolsForObject: each exposed port with its protocol, in container (or Service port) order. */
function portsOf(o: KubeObject): { port: number; protocol: string }[] {
  if (o.kind === 'Service') return ((o as Service).spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  return containersOf(o).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

/** `--target-port`: a number, else a port name (intstr.Parse). */
const intOrString = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);

/**
 * The Service kubectl 1.33's expose builds for one object (generateService): the selector and
 * ports taken from the object unless given, its labels unless `-l`, ports named `port-N` when
 * there are several, each targeting its own number unless `--target-port`.
 */
function buildService(inv: KubectlInvocation, o: KubeObject): Service | { error: string } {
  const v = inv.flags.values;
  let selector: Record<string, string>;
  if (v.selector) {
    const s = parsePairs(String(v.selector));
    if ('error' in s) return { error: String(s.error) };
    selector = s as Record<string, string>;
  } else {
    const s = selectorOf(o);
    if ('error' in s) return { error: `couldn't retrieve selectors via --selector flag or introspection: ${s.error}` };
    selector = s as Record<string, string>;
  }
  const known = portsOf(o);
  let ports: { port: number; protocol: string }[];
  if (v.port) {
    ports = [];
    for (const p of String(v.port).split(',')) {
      if (!/^[+-]?\d+$/.test(p)) return { error: `strconv.Atoi: parsing "${p}": invalid syntax` };
      const n = Number(p);
      ports.push({ port: n, protocol: known.find((k) => k.port === n)?.protocol ?? 'TCP' });
    }
  } else {
    if (known.length === 0 && v['cluster-ip'] !== 'None') return { error: "couldn't find port via --port flag or introspection" };
    ports = known;
  }
  const target = String(v['target-port'] ?? '');
  const protocol = String(v.protocol ?? '');
  const servicePorts: ServicePort[] = ports.map((p, i) => ({
    ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
    port: p.port,
    protocol: protocol || p.protocol,
    targetPort: target ? intOrString(target) : p.port,
  }));
  let labels: Record<string, string> | undefined = o.metadata.labels;
  if (v.labels) {
    const l = parsePairs(String(v.labels));
    if ('error' in l) return { error: String(l.error) };
    labels = l as Record<string, string>;
  }
  const name = String(v.name || o.metadata.name.slice(0, 63));
  const spec: Record<string, unknown> = { ports: servicePorts, selector };
  if (v.type) spec.type = String(v.type);
  if (v['cluster-ip']) spec.clusterIP = String(v['cluster-ip']);
  if (v['external-ip']) spec.externalIPs = [String(v['external-ip'])];
  if (v['load-balancer-ip']) spec.loadBalancerIP = String(v['load-balancer-ip']);
  if (v['session-affinity']) spec.sessionAffinity = String(v['session-affinity']);
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { creationTimestamp: null, ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}), name, ...(inv.flags.given.has('namespace') ? { namespace: inv.namespace } : {}) },
    spec, status: { loadBalancer: {} },
  } as unknown as Service;
}

/** What expose prints for one Service: `service/x exposed`, with kubectl's dry-run suffixes, or the object in -o's format. */
function printExposed(opts: PrintOptions, svc: Service): string {
  const ref = `service/${svc.metadata.name}`;
  const f = opts.format;
  if (!f) return `${ref} exposed${opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`;
  switch (f.kind) {
    case 'name': return `${ref}\n`;
    case 'yaml': return printYaml(svc);
    case 'json': return printJson(svc);
    case 'jsonpath': return executeJsonPath(f.template, JSON.parse(JSON.stringify(svc)));
    default: return `${ref} exposed\n`;
  }
}

/** Kinds expose accepts (polymorphichelpers.CanBeExposed); ReplicationControllers are not modelled. */
const EXPOSABLE = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet']);

/**
 * POSTs the Service unless it is a client dry run: the API server's validation, then the create
 * (the ClusterIP allocator and defaults are kinds/service.ts `admit`; the EndpointSlice controller
 * follows on its own). Returns the stored object, or the API error line.
 */
function createService(ctx: CommandContext, inv: KubectlInvocation, svc: Service, dryRun: PrintOptions['dryRun']): Service | { error: string } {
  const ns = inv.namespace;
  const name = svc.metadata.name;
  const def = resolveKind('services')!;
  if (getObject(ctx.state, def, ns, name)) return { error: `Error from server (AlreadyExists): services "${name}" already exists` };
  const invalid = serviceErrors(svc);
  if (invalid.length) return { error: invalid.length === 1 ? `The Service "${name}" is invalid: ${invalid[0]}` : `The Service "${name}" is invalid: \n${invalid.map((e) => `* ${e}`).join('\n')}` };
  const { creationTimestamp: _c, ...metadata } = svc.metadata as Service['metadata'] & { creationTimestamp: unknown };
  const sent = { ...svc, metadata: { ...metadata, namespace: ns } } as Service;
  // A server dry run answers with what would be stored: the API server's defaults and allocations, not persisted.
  if (dryRun === 'server') {
    const answer = clone(sent);
    def.admit?.(answer, ctx.state);
    return answer;
  }
  ctx.dispatch({ type: 'object/create', object: sent });
  return (getObject(ctx.state, def, ns, name) as Service | undefined) ?? sent;
}

/**
 * `kubectl expose (TYPE NAME | TYPE/NAME) [--port] [--target-port] [--type] [--name] [--selector]`
 * (kubectl 1.33 pkg/cmd/expose): a new Service selecting the pods of a pod, Service, Deployment or
 * ReplicaSet; prints `service/NAME exposed`.
 */
export const expose: KubectlVerb = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: EXPOSE_LONG,
  examples: EXPOSE_EXAMPLES,
  usage: EXPOSE_USAGE,
  flags: EXPOSE_FLAGS,
  run(inv, ctx) {
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    const found = resourceTargets(inv, ctx, 'expose');
    if (!found.ok) return found.result;
    let stdout = '';
    for (const { type, namespace, object } of found.targets) {
      if (!EXPOSABLE.has(type.kind)) return { stdout, stderr: `error: cannot expose a ${type.kind}\n`, exitCode: 1 };
      const at = { ...inv, namespace };
      const svc = buildService(at, object);
      if ('error' in svc) return { stdout, stderr: `error: ${svc.error}\n`, exitCode: 1 };
      if (p.opts.dryRun === 'client') { stdout += printExposed(p.opts, svc); continue; }
      const created = createService(ctx, at, svc, p.opts.dryRun);
      if ('error' in created) return { stdout, stderr: `${created.error}\n`, exitCode: 1 };
      stdout += printExposed(p.opts, created);
    }
    if (found.notFound) return { stdout, stderr: found.notFound, exitCode: 1 };
    return { stdout, stderr: '', exitCode: 0 };
  },
};
