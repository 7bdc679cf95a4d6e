import type { KubeObject } from '../../../../model/k8s.ts';
import { podSuffix, seeded } from '../../../../sim/rng.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, generatorStart, requestMeta, subdomainErrors } from './output.ts';
import { sendCreate } from './send.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/**
 * A pflag StringSlice's values: each occurrence split at commas (`--image=a,b` is two images);
 * an empty value is no value at all.
 */
export const sliceValues = (values: readonly string[]): string[] => values.flatMap((v) => (v === '' ? [] : v.split(',')));

/**
 * An int32 flag as pflag reads it (kubectl's `--port`, `--replicas`): the parser has taken it as a
 * 64-bit int, so only the narrower range is left to check, with strconv's out-of-range text.
 */
export function int32Flag(inv: KubectlInvocation, name: string, display = `--${name}`): string | undefined {
  const n = inv.flags.values[name] as number;
  if (n >= -2147483648 && n <= 2147483647) return undefined;
  const raw = inv.flags.raw?.[name]?.at(-1) ?? String(n);
  return `error: invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": value out of range\nSee 'kubectl ${inv.path.join(' ')} --help' for usage.\n`;
}

/**
 * A container name from an image as create_deployment.go's buildPodSpec makes it: the last path
 * segment without tag or digest; `_` and `.` become `-` plus a random 5-letter suffix
 * (sanitizeAndUniquify), drawn here from the deployment's name and the image so replays agree.
 */
function containerName(image: string, seed: string): string {
  let name = image.split('/').at(-1)!.split(':')[0].split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${podSuffix(seeded(`${seed}/${image}`))}`;
  return name;
}

/**
 * The API server's checks on the generated Deployment that a typed line can trip
 * (ValidateDeployment, 1.33), in its field order: the name, replicas, then each container's name,
 * ports, and at least one container.
 */
function deploymentErrors(name: string, replicas: number, containers: { name: string; ports?: { containerPort: number }[] }[]): string[] {
  const errs = subdomainErrors(name);
  if (replicas < 0) errs.push(`spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
  if (containers.length === 0) errs.push('spec.template.spec.containers: Required value');
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const at = `spec.template.spec.containers[${i}]`;
    if (!DNS1123_LABEL.test(c.name)) errs.push(`${at}.name: Invalid value: "${c.name}": ${LABEL_MESSAGE}`);
    else if (c.name.length > 63) errs.push(`${at}.name: Invalid value: "${c.name}": must be no more than 63 characters`);
    if (seen.has(c.name)) errs.push(`${at}.name: Duplicate value: "${c.name}"`);
    seen.add(c.name);
    for (const [j, p] of (c.ports ?? []).entries()) {
      if (p.containerPort === 0) errs.push(`${at}.ports[${j}].containerPort: Required value`);
      else if (p.containerPort < 1 || p.containerPort > 65535) errs.push(`${at}.ports[${j}].containerPort: Invalid value: ${p.containerPort}: must be between 1 and 65535, inclusive`);
    }
  });
  return errs;
}

/**
 * `kubectl create deployment NAME --image=IMAGE… [--replicas=N] [--port=P] [-- COMMAND …]`
 * (kubectl 1.33 create_deployment.go): a Deployment labelled and selecting `app=NAME`, one
 * container per image, the command and port on the first. The Deployment controller then rolls
 * out its ReplicaSet and pods like any other. Prints `deployment.apps/NAME created`.
 */
export const createDeployment: KubectlVerb = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name.',
  examples: '# Create a deployment named my-dep that runs the busybox image\nkubectl create deployment my-dep --image=busybox\n\n# Create a deployment with a command\nkubectl create deployment my-dep --image=busybox -- date\n\n# Create a deployment named my-dep that runs the nginx image with 3 replicas\nkubectl create deployment my-dep --image=nginx --replicas=3\n\n# Create a deployment named my-dep that runs the busybox image and expose port 5701\nkubectl create deployment my-dep --image=busybox --port=5701\n\n# Create a deployment named my-dep that runs multiple containers\nkubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx',
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', type: 'stringArray', help: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, help: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, help: 'Number of replicas to create. Default is 1.' },
  ],
  run(inv, ctx) {
    // cobra checks required flags before the command runs.
    if (!inv.flags.given.has('image')) return fail('error: required flag(s) "image" not set\n');
    const badInt = int32Flag(inv, 'port') ?? int32Flag(inv, 'replicas', '-r, --replicas');
    if (badInt) return fail(badInt);
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const { name, opts } = start;
    const images = sliceValues(inv.flags.values.image as string[]);
    const command = inv.flags.afterDashDash ?? [];
    if (images.length > 1 && command.length > 0) return fail('error: cannot specify multiple --image options and command\n');
    const replicas = inv.flags.values.replicas as number;
    const port = inv.flags.values.port as number;
    const containers = images.map((image, i) => ({
      name: containerName(image, `create-deployment/${name}`), image,
      ...(i === 0 && command.length ? { command } : {}),
      ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const labels = { app: name };
    // In Go field order, for -o json (output.ts printCreated).
    const request = {
      kind: 'Deployment', apiVersion: 'apps/v1',
      metadata: { ...requestMeta(inv, name, true), labels },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {} },
      status: {},
    };
    return sendCreate(inv, ctx, opts, request as unknown as KubeObject, { fieldErrors: () => deploymentErrors(name, replicas, containers) });
  },
};
