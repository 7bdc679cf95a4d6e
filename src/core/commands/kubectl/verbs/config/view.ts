import type { KubectlVerb } from '../../verb.ts';
import type { Kubeconfig } from '../../../../kubeconfig.ts';
import { executeJsonPath } from '../../../../printers/jsonpath.ts';
import { parseOutputFormat } from '../../../../printers/output.ts';
import { printYaml } from '../../../../printers/yaml.ts';
import { fail, loadKubeconfig } from './file.ts';


/** clientcmd's ShortenConfig: embedded certificates and keys shown as `DATA+OMITTED`, tokens as `REDACTED`. */
function shorten(cfg: Kubeconfig): Kubeconfig {
  const hide = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).map(([k, v]) =>
    [k, k.endsWith('-data') && v !== '' ? 'DATA+OMITTED' : k === 'token' && v !== '' ? 'REDACTED' : v]));
  return { ...cfg, clusters: cfg.clusters.map((c) => ({ ...c, cluster: hide(c.cluster ?? {}) })), users: cfg.users.map((u) => ({ ...u, user: hide(u.user ?? {}) })) };
}

/** clientcmd's MinifyConfig: only the current context, its cluster and its user. */
function minify(cfg: Kubeconfig): Kubeconfig | string {
  const current = cfg.contexts.find((c) => c.name === cfg['current-context']);
  if (cfg['current-context'] === '') return 'current-context must exist in order to minify';
  if (!current) return `cannot locate context ${cfg['current-context']}`;
  const clusters = cfg.clusters.filter((c) => c.name === current.context?.cluster);
  const users = cfg.users.filter((u) => u.name === current.context?.user);
  return { ...cfg, contexts: [current], clusters, users };
}

/** A list as Go's JSON encoder writes a nil slice. */
const orNull = <T>(list: readonly T[]) => (list.length ? list : null);

/**
 * The config as kubectl's printers see it: the v1 struct's field order (what `-o json` keeps;
 * `-o yaml` sorts keys anyway), lists that minify emptied as null.
 */
function wire(cfg: Kubeconfig): Record<string, unknown> {
  const pick = (m: Record<string, unknown>, order: readonly string[]) =>
    Object.fromEntries([...order.filter((k) => k in m), ...Object.keys(m).filter((k) => !order.includes(k))].map((k) => [k, m[k]]));
  return {
    kind: cfg.kind, apiVersion: cfg.apiVersion, preferences: cfg.preferences,
    clusters: orNull(cfg.clusters.map((c) => ({ name: c.name, cluster: pick(c.cluster ?? {}, ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url']) }))),
    users: orNull(cfg.users.map((u) => ({ name: u.name, user: pick(u.user ?? {}, ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password', 'exec']) }))),
    contexts: orNull(cfg.contexts.map((c) => ({ name: c.name, context: pick(c.context ?? {}, ['cluster', 'user', 'namespace']) }))),
    'current-context': cfg['current-context'],
  };
}

/**
 * `kubectl config view [--minify] [--raw] [-o yaml|json|jsonpath=…]` (kubectl 1.33 view.go): the
 * laptop's kubeconfig, certificates shown as DATA+OMITTED unless `--raw`.
 */
export const view: KubectlVerb = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  examples: "# Show merged kubeconfig settings\nkubectl config view\n\n# Show merged kubeconfig settings, raw certificate data, and exposed secrets\nkubectl config view --raw\n\n# Get the password for the e2e user\nkubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'",
  usage: 'kubectl config view [flags] [options]',
  flags: [
    { name: 'flatten', type: 'bool', help: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'merge', type: 'string', default: 'true', help: 'Merge the full hierarchy of kubeconfig files' },
    { name: 'minify', type: 'bool', help: 'Remove all information not used by current-context from the output' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'raw', type: 'bool', help: 'Display raw byte data and sensitive data' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const out = parseOutputFormat(String(v.output ?? 'yaml'));
    if (!out.ok) return fail(out.error.replace(/allowed formats are: .*/, 'allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'));
    if (out.format.kind === 'wide' || out.format.kind === 'custom-columns' || out.format.kind === 'table') {
      return fail(`unable to match a printer suitable for the output format "${String(v.output)}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
    }
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    let cfg = loaded.config;
    if (v.minify === true) {
      const m = minify(cfg);
      if (typeof m === 'string') return fail(m);
      cfg = m;
    }
    if (v.raw !== true) cfg = shorten(cfg);
    const data = wire(cfg);
    switch (out.format.kind) {
      case 'json': return { stdout: JSON.stringify(data, null, 4) + '\n', stderr: '', exitCode: 0 };
      case 'name': return { stdout: 'config/<unknown>\n', stderr: '', exitCode: 0 };
      case 'jsonpath': return { stdout: executeJsonPath(out.format.template, JSON.parse(JSON.stringify(data))), stderr: '', exitCode: 0 };
      default: return { stdout: printYaml(data), stderr: '', exitCode: 0 };
    }
  },
};
