import type { ConfigMap } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, invalidSubdomain, nameError, printCreated, printOptions, requestMeta } from './output.ts';
import { addEnvFiles, addFiles, addLiterals, combinationError, keyAdder, sourceFlags, sourcesOf } from './sources.ts';
import { serverObject } from './server.ts';

/**
 * `kubectl create configmap NAME [--from-literal=k=v]… [--from-file=[k=]path]… [--from-env-file=path]…`
 * (kubectl 1.33 pkg/cmd/create/create_configmap.go): builds the ConfigMap from files first, then
 * literals, then env files, refusing bad and repeated keys; the API server refuses an existing
 * name, a missing namespace or an invalid name (`error: failed to create configmap: …`).
 * Prints `configmap/NAME created`.
 */
export const createConfigMap: KubectlVerb = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  long: 'Create a config map based on a file, directory, or specified literal value.\n\n A single config map may package one or more key/value pairs.\n\n When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.\n\n When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
  examples: '# Create a new config map named my-config based on folder bar\nkubectl create configmap my-config --from-file=path/to/bar\n\n# Create a new config map named my-config with specified keys instead of file basenames on disk\nkubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt\n\n# Create a new config map named my-config with key1=config1 and key2=config2\nkubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2\n\n# Create a new config map named my-config from the key=value pairs in the file\nkubectl create configmap my-config --from-file=path/to/bar\n\n# Create a new config map named my-config from an env file\nkubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
  usage: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...sourceFlags('configmap'), ...GENERATOR_FLAGS],
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
    const data: Record<string, string> = {};
    const add = keyAdder('ConfigMap', name, data);
    const err = addFiles(ctx, sources.files, add) ?? addLiterals(sources.literals, add) ?? addEnvFiles(ctx, sources.envFiles, 'ConfigMap', add);
    if (err) return fail(`error: ${err}\n`);
    const request = { kind: 'ConfigMap', apiVersion: 'v1', metadata: requestMeta(inv, name, true), ...(Object.keys(data).length ? { data } : {}) };
    if (p.opts.dryRun === 'client') return printCreated(p.opts, `configmap/${name}`, request);
    const ns = inv.namespace;
    const refused = !Object.hasOwn(ctx.state.namespaces, ns) ? `namespaces "${ns}" not found`
      : invalidSubdomain('ConfigMap', name)
      ?? (Object.hasOwn(ctx.state.configMaps, keyOf(ns, name)) ? `configmaps "${name}" already exists` : undefined);
    if (refused) return fail(`error: failed to create configmap: ${refused}\n`);
    const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, uid: '', creationTimestamp: '' }, ...(Object.keys(data).length ? { data } : {}) };
    if (p.opts.dryRun === 'server') return printCreated(p.opts, `configmap/${name}`, serverObject(ctx.state, cm));
    ctx.dispatch({ type: 'object/create', object: cm });
    return printCreated(p.opts, `configmap/${name}`, ctx.state.configMaps[keyOf(ns, name)]);
  },
};
