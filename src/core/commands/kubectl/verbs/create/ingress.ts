import type { KubeObject } from '../../../../model/k8s.ts';
import type { IngressBackend } from '../../../../kinds/ingress.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, generatorStart, requestMeta, subdomainErrors } from './output.ts';
import { sendCreate } from './send.ts';

/**
 * The rule check kubectl 1.33 applies: `host/path=svc:port` at the start; what follows the port is
 * not checked (`,tls=x!` passes), nor is `=` or `,` inside the path.
 */
const RULE = /^[\w*.-]*\/.*=[\w-]+:[\w-]+/;

/** Go's panic when a rule that passed the check has no `svc:port` where the builder looks (`/a,b=svc:80`). */
class IndexPanic extends Error {}

/** `svc:80` or `svc:http` as a backend (intstr.Parse: digits are a number, 0 leaves the port empty). */
function backendOf(service: string | undefined): IngressBackend {
  const [name, port] = (service ?? '').split(':');
  if (service === undefined || port === undefined) throw new IndexPanic();
  const n = /^[+-]?\d+$/.test(port) ? Number(port) : undefined;
  return { service: { name, port: n === undefined ? { name: port } : n !== 0 ? { number: n } : {} } };
}

type Path = { path: string; pathType: string; backend: IngressBackend };

/** `bar*=svc:80` → path `/bar`, Prefix (a trailing `*`), else Exact. Go field order. */
function pathOf(pathSvc: string): Path {
  const [p, svc] = pathSvc.split('=');
  const path = `/${p}`;
  const prefix = path.endsWith('*');
  return { path: prefix ? path.slice(0, -1) : path, pathType: prefix ? 'Prefix' : 'Exact', backend: backendOf(svc) };
}

/** buildIngressRules: one rule per host in order of first mention, each host's paths in order. */
function rulesOf(rules: readonly string[]): { host?: string; http: { paths: Path[] } }[] {
  const out: { host?: string; http: { paths: Path[] } }[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = pathOf(noTls.slice(slash + 1));
    const same = out.find((r) => (r.host ?? '') === host);
    if (same) same.http.paths.push(path);
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

/**
 * buildTLSRules: each host once; a host joins the entry of the same secret (or the first without
 * one), else gets an entry of its own when it has a host or a secret.
 */
function tlsOf(rules: readonly string[]): { hosts?: string[]; secretName?: string }[] {
  const out: { hosts?: string[]; secretName?: string }[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secret = parts[1].split('=')[1] ?? '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = out.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const entry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (host || secret) out.push(entry);
  }
  return out;
}

const WILDCARD_HOST = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** ValidateIngress on what the generator can send: the name, then each rule's host (a DNS name, or `*.` one). */
function ingressErrors(name: string, rules: readonly { host?: string }[]): string[] {
  const errs = subdomainErrors(name);
  rules.forEach((r, i) => {
    if (!r.host || WILDCARD_HOST.test(r.host)) return;
    const why = subdomainErrors(r.host).map((e) => e.replace(/^metadata\.name: /, `spec.rules[${i}].host: `));
    if (r.host.includes('*')) errs.push(`spec.rules[${i}].host: Invalid value: "${r.host}": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    else errs.push(...why);
  });
  return errs;
}

/**
 * `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]… [--class=C]
 * [--default-backend=svc:port] [--annotation=k=v]…` (kubectl 1.33 create_ingress.go): a
 * networking.k8s.io/v1 Ingress; a trailing `*` on a path makes it Prefix. Prints
 * `ingress.networking.k8s.io/NAME created`.
 */
export const createIngress: KubectlVerb = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  long: 'Create an ingress with the specified name.',
  examples: '# Create a single ingress called \'simple\' that directs requests to foo.com/bar to svc\n# svc1:8080 with a TLS secret "my-cert"\nkubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"\n\n# Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"\nkubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"\n\n# Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2\nkubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\\n--annotation ingress.annotation1=foo \\\n--annotation ingress.annotation2=bla\n\n# Create an ingress with the same host and multiple paths\nkubectl create ingress multipath --class=default \\\n--rule="foo.com/=svc:port" \\\n--rule="foo.com/admin/=svcadmin:portadmin"\n\n# Create an ingress with multiple hosts and the pathType as Prefix\nkubectl create ingress ingress1 --class=default \\\n--rule="foo.com/path*=svc:8080" \\\n--rule="bar.com/admin*=svc2:http"\n\n# Create an ingress with TLS enabled using the default ingress certificate and different path types\nkubectl create ingress ingtls --class=default \\\n--rule="foo.com/=svc:https,tls" \\\n--rule="foo.com/path/subpath*=othersvc:8080"\n\n# Create an ingress with TLS enabled using a specific secret and pathType as Prefix\nkubectl create ingress ingsecret --class=default \\\n--rule="foo.com/*=svc:8080,tls=secret1"\n\n# Create an ingress with a default backend\nkubectl create ingress ingdefault --class=default \\\n--default-backend=defaultsvc:http \\\n--rule="foo.com/*=svc:8080,tls=secret1"',
  usage: 'kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: [
    { name: 'class', type: 'string', help: 'Ingress Class to be used' },
    { name: 'rule', type: 'stringArray', help: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
    { name: 'default-backend', type: 'string', help: 'Default service for backend, in format of svcname:port' },
    { name: 'annotation', type: 'stringArray', help: 'Annotation to insert in the ingress object, in the format annotation=value' },
    ...GENERATOR_FLAGS,
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const v = inv.flags.values;
    const rules = v.rule as string[];
    const annotations = v.annotation as string[];
    const backend = String(v['default-backend'] ?? '');
    const ingressClass = String(v.class ?? '');
    if (backend === '' && rules.length === 0) return fail('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n');
    const bad = rules.find((r) => !RULE.test(r));
    if (bad !== undefined) return fail(`error: rule ${bad} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n`);
    const badAnnotation = annotations.find((a) => !a.includes('='));
    if (badAnnotation !== undefined) return fail(`error: annotation ${badAnnotation} is invalid and should be in format key=[value]\n`);
    if (backend !== '' && backend.split(':').length !== 2) return fail('error: default-backend should be in format servicename:serviceport\n');
    const notes = Object.fromEntries(annotations.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const tls = tlsOf(rules);
    let ingressRules: ReturnType<typeof rulesOf>;
    try {
      ingressRules = rulesOf(rules);
    } catch (e) {
      if (!(e instanceof IndexPanic)) throw e;
      return { stdout: '', stderr: 'panic: runtime error: index out of range [1] with length 1\n', exitCode: 2 };
    }
    const request = {
      kind: 'Ingress', apiVersion: 'networking.k8s.io/v1',
      metadata: { ...requestMeta(inv, start.name, true), ...(annotations.length ? { annotations: notes } : {}) },
      spec: {
        ...(ingressClass ? { ingressClassName: ingressClass } : {}), ...(backend ? { defaultBackend: backendOf(backend) } : {}),
        ...(tls.length ? { tls } : {}), ...(ingressRules.length ? { rules: ingressRules } : {}),
      },
      status: { loadBalancer: {} },
    };
    return sendCreate(inv, ctx, start.opts, request as unknown as KubeObject, { fieldErrors: () => ingressErrors(start.name, ingressRules) });
  },
};
