import type { Secret } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import { encodeBase64 } from '../../../../base64.ts';
import { verbHelp } from '../../root/help.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, invalidSubdomain, nameError, printCreated, printOptions, requestMeta } from './output.ts';
import { addEnvFiles, addFiles, addLiterals, combinationError, keyAdder, sourceFlags, sourcesOf } from './sources.ts';
import { serverObject } from './server.ts';

/**
 * `kubectl create secret generic NAME [--type=T] [--from-literal=k=v]… [--from-file=[k=]path]…
 * [--from-env-file=path]…` (kubectl 1.33 create_secret.go): literals first, then files, then env
 * files. kubectl sends the values base64-encoded in `data`; the API server defaults the type to
 * `Opaque`. Errors from the server read `error: failed to create secret <reason>` (no colon, as
 * kubectl words it). Prints `secret/NAME created`.
 */
const createSecretGeneric: KubectlVerb = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  long: 'Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs.\n\n When creating a secret based on a file, the key will default to the basename of the file, and the value will\ndefault to the file content. If the basename is an invalid key or you wish to chose your own, you may specify\nan alternate key.\n\n When creating a secret based on a directory, each file whose basename is a valid key in the directory will be\npackaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories,\nsymlinks, devices, pipes, etc).',
  examples: '# Create a new secret named my-secret with keys for each file in folder bar\nkubectl create secret generic my-secret --from-file=path/to/bar\n\n# Create a new secret named my-secret with specified keys instead of names on disk\nkubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub\n\n# Create a new secret named my-secret with key1=supersecret and key2=topsecret\nkubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret\n\n# Create a new secret named my-secret using a combination of a file and a literal\nkubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret\n\n# Create a new secret named my-secret from env files\nkubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
  usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...sourceFlags('secret'), { name: 'type', type: 'string', help: 'The type of secret to create' }, ...GENERATOR_FLAGS],
  run(inv, ctx) {
    const bad = nameError(inv);
    if (bad) return bad;
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    const name = inv.flags.positionals[0];
    if (name === '') return fail('error: name must be specified\n');
    const sources = sourcesOf(inv);
    const combo = combinationError(sources);
    if (combo) return fail(`error: ${combo}\n`);
    const plain: Record<string, string> = {};
    const add = keyAdder('Secret', name, plain);
    const err = addLiterals(sources.literals, add) ?? addFiles(ctx, sources.files, add) ?? addEnvFiles(ctx, sources.envFiles, 'Secret', add);
    if (err) return fail(`error: ${err}\n`);
    const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, encodeBase64(v)]));
    const type = String(inv.flags.values.type ?? '');
    const request = { apiVersion: 'v1', kind: 'Secret', metadata: requestMeta(inv, name, true), ...(Object.keys(data).length ? { data } : {}), ...(type ? { type } : {}) };
    if (p.opts.dryRun === 'client') return printCreated(p.opts, `secret/${name}`, request);
    const ns = inv.namespace;
    const refused = !Object.hasOwn(ctx.state.namespaces, ns) ? `namespaces "${ns}" not found`
      : invalidSubdomain('Secret', name)
      ?? (Object.hasOwn(ctx.state.secrets, keyOf(ns, name)) ? `secrets "${name}" already exists` : undefined);
    if (refused) return fail(`error: failed to create secret ${refused}\n`);
    const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns, uid: '', creationTimestamp: '' }, type, ...(Object.keys(data).length ? { data } : {}) };
    if (p.opts.dryRun === 'server') return printCreated(p.opts, `secret/${name}`, serverObject(ctx.state, secret));
    ctx.dispatch({ type: 'object/create', object: secret });
    return printCreated(p.opts, `secret/${name}`, ctx.state.secrets[keyOf(ns, name)]);
  },
};

/**
 * `kubectl create secret`: a group; only `generic` is simulated (docker-registry and tls are not).
 * With no sub-command cobra prints the group's help on stderr and exits 1; a word that is no
 * sub-command is `error: unknown command "x"`.
 */
export const createSecret: KubectlVerb = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  flags: [],
  subcommands: [createSecretGeneric],
  subcommandPadding: 17,
  takesArgs: true,
  run(inv) {
    const args = inv.flags.positionals;
    if (args.length > 0) return fail(`error: unknown command "${args.join(' ')}"\nSee 'kubectl create secret -h' for help and examples\n`);
    return fail(verbHelp(createSecret, inv.path));
  },
};
