/**
 * `kubectl config set-cluster NAME [--server=…]` and `kubectl config set-credentials NAME
 * [--token=… | --username=… --password=… | --client-certificate=… --client-key=…]`, as kubectl 1.33
 * (create_cluster.go, create_authinfo.go) merges the given fields into the named entry, creating it
 * when missing. `--embed-certs` reads the files from the laptop and embeds them base64'd.
 */
import type { KubectlVerb } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { FlagSpec } from '../../../flags.ts';
import { encodeBase64 } from '../../../../base64.ts';
import { fail, helpError, loadKubeconfig, saveKubeconfig, withEntryFields } from './file.ts';

const str = (help: string, name: string): FlagSpec => ({ name, type: 'string', help });
const bool = (help: string, name: string): FlagSpec => ({ name, type: 'bool', default: false, help });

/** A file's contents for `--embed-certs`, or client-go's stat error as kubectl prints it. */
function embed(ctx: CommandContext, flag: string, path: string): { data: string } | { error: CommandResult } {
  const file = ctx.readFile(path);
  if (!file.ok) return { error: fail(`could not stat ${flag} file ${path}: stat ${path}: no such file or directory`) };
  return { data: encodeBase64(file.text) };
}

/** Merges `fields` into the named entry of `list` and writes the file back; a kubeconfig that does not load is the error. */
function merge(ctx: CommandContext, list: 'clusters' | 'users', name: string, fields: Record<string, unknown>): CommandResult | undefined {
  const loaded = loadKubeconfig(ctx);
  if ('error' in loaded) return loaded.error;
  saveKubeconfig(ctx, withEntryFields(loaded.config, list, name, fields));
  return undefined;
}

export const setCluster: KubectlVerb = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  long: 'Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: [
    '# Set only the server field on the e2e cluster entry without touching other values\nkubectl config set-cluster e2e --server=https://1.2.3.4',
    '# Embed certificate authority data for the e2e cluster entry\nkubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt',
    '# Disable cert checking for the e2e cluster entry\nkubectl config set-cluster e2e --insecure-skip-tls-verify=true',
    '# Set the custom TLS server name to use for validation for the e2e cluster entry\nkubectl config set-cluster e2e --tls-server-name=my-cluster-name',
    '# Set the proxy URL for the e2e cluster entry\nkubectl config set-cluster e2e --proxy-url=https://1.2.3.4',
  ].join('\n\n'),
  usage: 'kubectl config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]',
  flags: [
    str('Path to certificate-authority file for the cluster entry in kubeconfig', 'certificate-authority'),
    bool('embed-certs for the cluster entry in kubeconfig', 'embed-certs'),
    bool('insecure-skip-tls-verify for the cluster entry in kubeconfig', 'insecure-skip-tls-verify'),
    str('proxy-url for the cluster entry in kubeconfig', 'proxy-url'),
    str('server for the cluster entry in kubeconfig', 'server'),
    str('tls-server-name for the cluster entry in kubeconfig', 'tls-server-name'),
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 1) return helpError(setCluster, args);
    const v = inv.flags.values;
    const fields: Record<string, unknown> = {};
    for (const f of ['server', 'tls-server-name', 'proxy-url'] as const) if (inv.flags.given.has(f)) fields[f] = String(v[f] ?? '');
    if (inv.flags.given.has('insecure-skip-tls-verify')) fields['insecure-skip-tls-verify'] = v['insecure-skip-tls-verify'] === true;
    const ca = inv.flags.given.has('certificate-authority') ? String(v['certificate-authority'] ?? '') : '';
    if (v['embed-certs'] === true) {
      if (ca === '') return fail('you must specify a --certificate-authority to embed');
      const got = embed(ctx, 'certificate-authority', ca);
      if ('error' in got) return got.error;
      fields['certificate-authority-data'] = got.data;
    } else if (ca !== '') fields['certificate-authority'] = ca;
    return merge(ctx, 'clusters', args[0], fields) ?? { stdout: `Cluster "${args[0]}" set.\n`, stderr: '', exitCode: 0 };
  },
};

/** The flags of set-credentials that only store a value (auth providers and exec plugins are stored as given). */
const CREDENTIAL_FLAGS: FlagSpec[] = [
  str('Auth provider for the user entry in kubeconfig', 'auth-provider'),
  { name: 'auth-provider-arg', type: 'stringArray', default: [], help: "'key=value' arguments for the auth provider" },
  str('Path to client-certificate file for the user entry in kubeconfig', 'client-certificate'),
  str('Path to client-key file for the user entry in kubeconfig', 'client-key'),
  bool('Embed client cert/key for the user entry in kubeconfig', 'embed-certs'),
  str('API version of the exec credential plugin for the user entry in kubeconfig', 'exec-api-version'),
  { name: 'exec-arg', type: 'stringArray', default: [], help: 'New arguments for the exec credential plugin command for the user entry in kubeconfig' },
  str('Command for the exec credential plugin for the user entry in kubeconfig', 'exec-command'),
  { name: 'exec-env', type: 'stringArray', default: [], help: "'key=value' environment values for the exec credential plugin" },
  str('InteractiveMode of the exec credentials plugin for the user entry in kubeconfig', 'exec-interactive-mode'),
  bool('ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig', 'exec-provide-cluster-info'),
  str('password for the user entry in kubeconfig', 'password'),
  str('token for the user entry in kubeconfig', 'token'),
  str('username for the user entry in kubeconfig', 'username'),
];

export const setCredentials: KubectlVerb = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  long: [
    'Set a user entry in kubeconfig.', '', ' Specifying a name that already exists will merge new fields on top of existing values.', '',
    '        Client-certificate flags:', '        --client-certificate=certfile --client-key=keyfile', '        ',
    '        Bearer token flags:', '        --token=bearer_token', '        ',
    '        Basic auth flags:', '        --username=basic_user --password=basic_password', '        ',
    ' Bearer token and basic auth are mutually exclusive.',
  ].join('\n'),
  examples: [
    '# Set only the "client-key" field on the "cluster-admin"\n# entry, without touching other values\nkubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key',
    '# Set basic auth for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif',
    '# Embed client certificate data in the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true',
    '# Enable the Google Compute Platform auth provider for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --auth-provider=gcp',
    '# Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments\nkubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar',
    '# Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-',
    '# Enable new exec auth plugin for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1',
    '# Enable new exec auth plugin for the "cluster-admin" entry with interactive mode\nkubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never',
    '# Define new exec auth plugin arguments for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2',
    '# Create or update exec auth plugin environment variables for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2',
    '# Remove exec auth plugin environment variables for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --exec-env=var-to-remove-',
  ].join('\n\n'),
  usage: 'kubectl config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]',
  flags: CREDENTIAL_FLAGS,
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 1) return helpError(setCredentials, args, 'unexpected');
    const v = inv.flags.values;
    const given = (f: string) => inv.flags.given.has(f);
    if (given('token') && (given('username') || given('password'))) return fail('you cannot specify more than one authentication method at the same time: --token, --username/--password');
    const fields: Record<string, unknown> = {};
    for (const f of ['token', 'username', 'password'] as const) if (given(f)) fields[f] = String(v[f] ?? '');
    for (const f of ['client-certificate', 'client-key'] as const) {
      if (!given(f)) continue;
      const path = String(v[f] ?? '');
      if (v['embed-certs'] !== true) { fields[f] = path; continue; }
      const got = embed(ctx, f, path);
      if ('error' in got) return got.error;
      fields[`${f}-data`] = got.data;
    }
    if (given('auth-provider')) fields['auth-provider'] = { name: String(v['auth-provider']), config: Object.fromEntries((v['auth-provider-arg'] as string[]).map((a) => a.split('=', 2))) };
    if (given('exec-command')) {
      fields.exec = {
        command: String(v['exec-command']), apiVersion: String(v['exec-api-version'] ?? ''), args: v['exec-arg'],
        env: (v['exec-env'] as string[]).map((e) => ({ name: e.split('=')[0], value: e.split('=').slice(1).join('=') })),
        interactiveMode: String(v['exec-interactive-mode'] || 'IfAvailable'), provideClusterInfo: v['exec-provide-cluster-info'] === true,
      };
    }
    return merge(ctx, 'users', args[0], fields) ?? { stdout: `User "${args[0]}" set.\n`, stderr: '', exitCode: 0 };
  },
};
