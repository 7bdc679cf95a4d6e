import type { Namespace } from '../../../../model/k8s.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, nameError, printCreated, printOptions, requestMeta } from './output.ts';
import { serverObject } from './server.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `kubectl create namespace NAME` (kubectl 1.33 create_namespace.go). The API server refuses a
 * name that is not an RFC 1123 label (`The Namespace "X" is invalid: …`) or already taken
 * (`Error from server (AlreadyExists): namespaces "x" already exists`: kubectl passes the server's
 * error through). Prints `namespace/NAME created`.
 */
export const createNamespace: KubectlVerb = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  examples: '# Create a new namespace named my-namespace\nkubectl create namespace my-namespace',
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS],
  run(inv, ctx) {
    const bad = nameError(inv);
    if (bad) return bad;
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    const name = inv.flags.positionals[0];
    const request = { kind: 'Namespace', apiVersion: 'v1', metadata: requestMeta(inv, name, false), spec: {}, status: {} };
    if (p.opts.dryRun === 'client') return printCreated(p.opts, `namespace/${name}`, request);
    const why: string[] = [];
    if (name.length > 63) why.push('must be no more than 63 characters');
    if (!DNS1123_LABEL.test(name)) why.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    if (why.length) {
      const causes = why.map((w) => `metadata.name: Invalid value: "${name}": ${w}`);
      return fail(`The Namespace "${name}" is invalid: ${causes.length > 1 ? `[${causes.join(', ')}]` : causes[0]}\n`);
    }
    if (Object.hasOwn(ctx.state.namespaces, name)) return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists\n`);
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: '', creationTimestamp: '' }, status: { phase: 'Active' } };
    if (p.opts.dryRun === 'server') return printCreated(p.opts, `namespace/${name}`, serverObject(ctx.state, ns));
    ctx.dispatch({ type: 'object/create', object: ns });
    return printCreated(p.opts, `namespace/${name}`, ctx.state.namespaces[name]);
  },
};
