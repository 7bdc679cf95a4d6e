import type { KubeObject, Service } from '../../../../model/k8s.ts';
import { verbHelp } from '../../root/help.ts';
import type { FlagSpec } from '../../../flags.ts';
import type { KubectlVerb } from '../../verb.ts';
import { serviceErrors } from '../expose/validate.ts';
import { sliceValues } from './deployment.ts';
import { fail, GENERATOR_FLAGS, generatorStart, requestMeta } from './output.ts';
import { sendCreate } from './send.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
type ServicePort = Service['spec']['ports'][number] & { name?: string; nodePort?: number };

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * validation.IsValidPortName's complaints about a named target port, joined by `,` as kubectl
 * prints them.
 */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  return errs;
}

/**
 * One `--tcp` value as create_service.go's parsePorts reads it: `port[:targetPort]`, the port an
 * unsigned 16-bit number (0 allowed here; the API server refuses it), the target a port number
 * 1-65535 or a port name. Errors carry Go's text (`strconv.ParseUint: parsing "abc": invalid syntax`).
 */
function parsePort(spec: string): { port: number; targetPort: number | string } | { error: string } {
  const parts = spec.split(':');
  const uint = (s: string) => (/^\d+$/.test(s) ? (Number(s) > 65535 ? 'value out of range' : undefined) : 'invalid syntax');
  const bad = uint(parts[0]);
  if (bad) return { error: `strconv.ParseUint: parsing ${JSON.stringify(parts[0])}: ${bad}` };
  const port = Number(parts[0]);
  if (parts.length === 1) return { port, targetPort: port };
  const target = parts[1];
  if (/^[+-]?\d+$/.test(target) && Math.abs(Number(target)) < 2 ** 63) {
    const n = Number(target);
    return n < 1 || n > 65535 ? { error: 'must be between 1 and 65535, inclusive' } : { port, targetPort: n };
  }
  const errs = portNameErrors(target);
  return errs.length ? { error: errs.join(',') } : { port, targetPort: target };
}

/** The API server's NodePort checks (ValidateService and the node port allocator, range 30000-32767). */
function nodePortErrors(svc: Service, used: Set<number>): string[] {
  const errs: string[] = [];
  const seen = new Set<number>();
  ((svc.spec.ports ?? []) as ServicePort[]).forEach((p, i) => {
    const n = p.nodePort;
    if (!n) return;
    const at = `spec.ports[${i}].nodePort`;
    if (seen.has(n)) errs.push(`${at}: Duplicate value: ${n}`);
    else if (n < 30000 || n > 32767) errs.push(`${at}: Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is 30000-32767`);
    else if (used.has(n)) errs.push(`${at}: Invalid value: ${n}: provided port is already allocated`);
    seen.add(n);
  });
  return errs;
}

const TCP_FLAG: FlagSpec = { name: 'tcp', type: 'stringArray', help: "Port pairs can be specified as '<port>:<targetPort>'." };

/**
 * One `kubectl create service TYPE NAME` generator (kubectl 1.33 create_service.go): a Service
 * labelled and selecting `app=NAME`, one TCP port per `--tcp` named after it (`5678-8080`), sent
 * as any create; the API server allocates the cluster IP and node ports (kinds/service.ts) and
 * the EndpointSlice controller follows. Refusals read `error: failed to create ClusterIP service: …`.
 */
function serviceGenerator(type: ServiceType, text: { short: string; long?: string; examples: string; usage: string }, flags: FlagSpec[]): KubectlVerb {
  return {
    name: type.toLowerCase(), ...text, long: text.long ?? `${text.short} with the specified name.`,
    flags: [...GENERATOR_FLAGS, ...flags],
    run(inv, ctx) {
      const v = inv.flags.values;
      if (type === 'ExternalName' && !inv.flags.given.has('external-name')) return fail('error: required flag(s) "external-name" not set\n');
      const start = generatorStart(inv);
      if (!start.ok) return start.result;
      const { name, opts } = start;
      const tcp = sliceValues(v.tcp as string[]);
      const clusterIP = String(v.clusterip ?? '');
      const externalName = String(v['external-name'] ?? '');
      if (clusterIP === 'None' && type !== 'ClusterIP') return fail('error: ClusterIP=None can only be used with ClusterIP service type\n');
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') return fail('error: at least one tcp port specifier must be provided\n');
      if (type === 'ExternalName' && (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))) return fail(`error: invalid service external name ${externalName}\n`);
      const nodePort = Number(v['node-port'] ?? 0);
      const ports: ServicePort[] = [];
      for (const spec of tcp) {
        const p = parsePort(spec);
        if ('error' in p) return fail(`error: ${p.error}\n`);
        ports.push({ name: spec.replace(/:/g, '-'), protocol: 'TCP', port: p.port, targetPort: p.targetPort, ...(nodePort ? { nodePort } : {}) });
      }
      const labels = { app: name };
      // In Go field order, for -o json (output.ts printCreated).
      const svc = {
        kind: 'Service', apiVersion: 'v1',
        metadata: { ...requestMeta(inv, name, true), labels },
        spec: { ...(ports.length ? { ports } : {}), selector: labels, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
        status: { loadBalancer: {} },
      } as unknown as Service;
      const used = () => new Set(Object.values(ctx.state.services).flatMap((s) => (s.spec?.ports ?? []).map((p) => (p as ServicePort).nodePort ?? 0)));
      return sendCreate(inv, ctx, opts, svc as KubeObject, { what: `${type} service`, fieldErrors: () => [...serviceErrors(svc), ...nodePortErrors(svc, used())] });
    },
  };
}

const SERVICE_USAGE = (type: string, rest: string) => `kubectl create service ${type} NAME ${rest} [--dry-run=server|client|none] [options]`;

const clusterIP = serviceGenerator('ClusterIP', {
  short: 'Create a ClusterIP service',
  examples: '# Create a new ClusterIP service named my-cs\nkubectl create service clusterip my-cs --tcp=5678:8080\n\n# Create a new ClusterIP service named my-cs (in headless mode)\nkubectl create service clusterip my-cs --clusterip="None"',
  usage: SERVICE_USAGE('clusterip', '[--tcp=<port>:<targetPort>]'),
}, [{ name: 'clusterip', type: 'string', help: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." }, TCP_FLAG]);

const nodePort = serviceGenerator('NodePort', {
  short: 'Create a NodePort service',
  examples: '# Create a new NodePort service named my-ns\nkubectl create service nodeport my-ns --tcp=5678:8080',
  usage: SERVICE_USAGE('nodeport', '[--tcp=port:targetPort]'),
}, [{ name: 'node-port', type: 'int', default: 0, help: 'Port used to expose the service on each node in a cluster.' }, TCP_FLAG]);

const loadBalancer = serviceGenerator('LoadBalancer', {
  short: 'Create a LoadBalancer service',
  examples: '# Create a new LoadBalancer service named my-lbs\nkubectl create service loadbalancer my-lbs --tcp=5678:8080',
  usage: SERVICE_USAGE('loadbalancer', '[--tcp=port:targetPort]'),
}, [TCP_FLAG]);

const externalName = serviceGenerator('ExternalName', {
  short: 'Create an ExternalName service',
  long: 'Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.',
  examples: '# Create a new ExternalName service named my-ns\nkubectl create service externalname my-ns --external-name bar.com',
  usage: SERVICE_USAGE('externalname', '--external-name external.name'),
}, [{ name: 'external-name', type: 'string', help: 'External name of service' }, TCP_FLAG]);

/**
 * `kubectl create service` (alias svc): a group of four generators. With no sub-command cobra
 * prints the group's help and exits 1; another word is `error: unknown command "x"`.
 */
export const createService: KubectlVerb = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  usage: 'kubectl create service [flags] [options]',
  flags: [],
  subcommands: [clusterIP, externalName, loadBalancer, nodePort],
  takesArgs: true,
  run(inv) {
    const args = inv.flags.positionals;
    if (args.length > 0) return fail(`error: unknown command "${args.join(' ')}"\nSee 'kubectl create service -h' for help and examples\n`);
    return fail(verbHelp(createService, inv.path));
  },
};
