import type { KubectlVerb } from '../../verb.ts';
import { formatQuantity, parseQuantity } from '../../../../model/quantity.ts';
import { verbHelp } from '../../root/help.ts';
import { applyEdit, setFlags, commonChecks, fail, findTargets, podSpecOf, resourcesAndPairs } from './target.ts';
import { serviceaccount } from './serviceaccount.ts';
import { envFrom, type EnvVar } from './envFrom.ts';
import { selector } from './selector.ts';
import { subject } from './subject.ts';

const QUANTITY_RE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** `cpu=100m,memory=256Mi` → map of canonical quantities, or kubectl's parse error (generate/versioned). */
function parseResourceList(spec: string): { ok: true; list: Record<string, string> } | { ok: false; error: string } {
  const list: Record<string, string> = {};
  if (spec === '') return { ok: true, list };
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return { ok: false, error: `Invalid argument syntax ${statement}, expected <resource>=<value>` };
    const q = parseQuantity(parts[1]);
    if (!q) return { ok: false, error: QUANTITY_RE };
    list[parts[0]] = formatQuantity(q);
  }
  return { ok: true, list };
}

/** A glob over container names as `-c` takes it (`*` any run of characters). */
const globMatch = (pattern: string, name: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);

/**
 * `kubectl set resources (TYPE NAME | TYPE/NAME) [-c CONTAINERS] --limits=… --requests=…`
 * (kubectl pkg/cmd/set/set_resources.go): merges the given quantities into each selected container
 * and patches the object; a Deployment's new template rolls a new ReplicaSet. Prints
 * `deployment.apps/NAME resource requirements updated`, nothing when nothing changed.
 */
const resources: KubectlVerb = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  long: `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`,
  examples: `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

# Remove the resource requests for resources on containers in nginx
kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0

# Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml`,
  usage: 'kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  flags: [
    ...setFlags('resources'),
    { name: 'containers', short: 'c', type: 'string', default: '*', help: 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards' },
    { name: 'limits', type: 'string', help: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
    { name: 'requests', type: 'string', help: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const bad = commonChecks(v);
    if (bad) return fail(bad);
    const found = findTargets(inv, ctx, inv.flags.positionals);
    if (!found.ok) return fail(found.error);
    const limitsText = String(v.limits ?? '');
    const requestsText = String(v.requests ?? '');
    if (limitsText === '' && requestsText === '') return fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n');
    const limits = parseResourceList(limitsText);
    if (!limits.ok) return fail(`error: ${limits.error}\n`);
    const requests = parseResourceList(requestsText);
    if (!requests.ok) return fail(`error: ${requests.error}\n`);
    const pattern = String(v.containers);
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const t of found.targets) {
      const r = applyEdit(ctx, inv, t, 'resource requirements updated', 'failed to patch resources update to pod template ', (spec) => {
        const selected = spec.containers.filter((c) => globMatch(pattern, c.name));
        if (!selected.length) return `error: unable to find container named ${pattern}\n`;
        for (const c of selected) {
          const res = { ...(c.resources ?? {}) };
          if (limitsText) res.limits = { ...(res.limits ?? {}), ...limits.list };
          if (requestsText) res.requests = { ...(res.requests ?? {}), ...requests.list };
          c.resources = res;
        }
        return undefined;
      });
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE …` (set_image.go): `*` means every
 * container. Prints `deployment.apps/NAME image updated`.
 */
const image: KubectlVerb = {
  name: 'image',
  short: 'Update the image of a pod template',
  long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  examples: `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
kubectl set image deployments,rc nginx=nginx:1.9.1 --all

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1

# Print result (in yaml format) of updating nginx container image from local file, without hitting the server
kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml`,
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: setFlags('image'),
  run(inv, ctx) {
    const v = inv.flags.values;
    const bad = commonChecks(v);
    if (bad) return fail(bad);
    const split = resourcesAndPairs(inv.flags.positionals, 'image');
    if (!split.ok) return fail(split.error);
    const errs: string[] = [];
    if (v.all === true && v.selector) errs.push('cannot set --all and --selector at the same time');
    if (split.resources.length < 1) errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const images: [string, string][] = [];
    for (const p of split.pairs) {
      const [name, ...rest] = p.split('=');
      const img = rest.join('=');
      if (!name || !img) return fail(`error: invalid image argument: ${p}\n`);
      images.push([name, img]);
    }
    if (images.length < 1) errs.push('at least one image update is required');
    else if (images.length > 1 && images.some(([n]) => n === '*')) errs.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
    if (errs.length) return fail(errs.map((e) => `error: ${e}\n`).join(''));
    const found = findTargets(inv, ctx, split.resources);
    if (!found.ok) return fail(found.error);
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const t of found.targets) {
      const r = applyEdit(ctx, inv, t, 'image updated', 'failed to patch image update to pod template: ', (spec) => {
        let out = '';
        for (const [name, img] of images) {
          const hits = spec.containers.filter((c) => name === '*' || c.name === name);
          if (!hits.length) out += `error: unable to find container named "${name}"\n`;
          for (const c of hits) c.image = img;
        }
        return out || undefined;
      });
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * `kubectl set env (TYPE NAME | TYPE/NAME) KEY=VALUE … [KEY-]` (set_env.go): adds, replaces or
 * removes (`KEY-`) variables; `--list` prints them as `# Deployment x, container y` then `KEY=VALUE`.
 */
const env: KubectlVerb = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  examples: `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# List the environment variables defined on all pods
kubectl set env pods --all --list

# Output modified deployment in YAML, and does not alter the object on the server
kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

# Update all containers in all replication controllers in the project to have ENV=prod
kubectl set env rc --all ENV=prod

# Import environment from a secret
kubectl set env --from=secret/mysecret deployment/myapp

# Import environment from a config map with a prefix
kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

# Import specific keys from a config map
kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-

# Remove the environment variable ENV from a deployment definition on disk and
# update the deployment config on the server
kubectl set env -f deploy.json ENV-

# Set some of the local shell environment into a deployment config on the server
env | grep RAILS_ | kubectl set env -e - deployment/registry`,
  usage: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    ...setFlags('env', { all: 'If true, select all resources in the namespace of the specified resource types', filename: 'Filename, directory, or URL to files the resource to update the env' }),
    { name: 'containers', short: 'c', type: 'string', default: '*', help: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'from', type: 'string', help: 'The name of a resource from which to inject environment variables' },
    { name: 'keys', type: 'stringArray', help: 'Comma-separated list of keys to import from specified resource' },
    { name: 'prefix', type: 'string', help: 'Prefix to append to variable names' },
    { name: 'resolve', type: 'bool', help: 'If true, show secret or configmap references when listing variables' },
    { name: 'env', short: 'e', type: 'stringArray', help: 'Specify a key-value pair for an environment variable to set into each container.' },
    { name: 'list', type: 'bool', help: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.' },
    { name: 'overwrite', type: 'bool', default: true, help: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const bad = commonChecks(v);
    if (bad) return fail(bad);
    const split = resourcesAndPairs(inv.flags.positionals, 'environment variable');
    if (!split.ok) return fail(split.error);
    const pairs = [...(v.env as string[]), ...split.pairs];
    const list = v.list === true;
    const from = String(v.from ?? '');
    if ((v.keys as string[]).length && from === '') return fail('error: when specifying --keys, a configmap or secret must be provided with --from\n');
    if (!list && pairs.length === 0 && from === '') return fail('error: at least one environment variable must be provided\n');
    const sets: EnvVar[] = [];
    const removes: string[] = [];
    for (const p of pairs) {
      if (!p.includes('=') && p.endsWith('-')) { removes.push(p.slice(0, -1)); continue; }
      const eq = p.indexOf('=');
      const key = p.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) return fail(`error: invalid env: ${p}\n`);
      sets.push({ name: key, value: p.slice(eq + 1) });
    }
    let warnings = '';
    if (from !== '') {
      const injected = envFrom(inv, ctx, from, (v.keys as string[]).flatMap((k) => k.split(',')));
      if (!injected.ok) return fail(injected.error);
      sets.push(...injected.env);
      warnings = injected.warnings;
    }
    const prefix = String(v.prefix ?? '');
    for (const e of sets) e.name = `${prefix}${e.name}`;
    const found = findTargets(inv, ctx, split.resources);
    if (!found.ok) return fail(found.error);
    const pattern = String(v.containers);
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const t of found.targets) {
      if (list) {
        for (const c of podSpecOf(t.obj).containers.filter((x) => globMatch(pattern, x.name))) {
          stdout += `# ${t.obj.kind} ${t.obj.metadata.name}, container ${c.name}\n`;
          for (const e of c.env ?? []) stdout += e.value !== undefined ? `${e.name}=${e.value}\n` : `# ${e.name} from a source\n`;
        }
        continue;
      }
      const r = applyEdit(ctx, inv, t, 'env updated', 'failed to patch env update to pod template: ', (spec) => {
        const selected = spec.containers.filter((c) => globMatch(pattern, c.name));
        if (!selected.length) return `warning: ${t.obj.kind.toLowerCase()}s/${t.obj.metadata.name} does not have any containers matching "${pattern}"\n`;
        for (const c of selected) {
          let envs = [...(c.env ?? [])];
          for (const e of sets) {
            const i = envs.findIndex((x) => x.name === e.name);
            if (i >= 0 && v.overwrite !== true) return `error: '${e.name}' already has a value (${envs[i].value ?? ''}), and --overwrite is false\n`;
            if (i >= 0) envs[i] = { ...e }; else envs.push({ ...e });
          }
          envs = envs.filter((e) => !removes.includes(e.name));
          if (envs.length) c.env = envs; else delete c.env;
        }
        return undefined;
      });
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr: warnings + stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * `kubectl set SUBCOMMAND`: alone it prints its help to stderr and exits 1 (cobra's
 * DefaultSubCommandRun), as kubectl 1.33 does.
 */
export const set: KubectlVerb = {
  name: 'set',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [],
  subcommands: [env, image, resources, selector, serviceaccount, subject],
  subcommandPadding: 16,
  run() {
    return { stdout: '', stderr: verbHelp(set), exitCode: 1 };
  },
};
