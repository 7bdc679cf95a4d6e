import { encodeBase64 } from '../../../../base64.ts';
import { verbHelp } from '../../root/help.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, generatorStart, GENERATOR_FLAGS } from './output.ts';
import { APPEND_HASH, storeSecret } from './secretStore.ts';
import { createSecretTls } from './secrettls.ts';
import { addEnvFiles, addFiles, addLiterals, combinationError, keyAdder, sourceFlags, sourcesOf } from './sources.ts';

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
  long: 'Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs.\n\n When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.\n\n When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
  examples: '# Create a new secret named my-secret with keys for each file in folder bar\nkubectl create secret generic my-secret --from-file=path/to/bar\n\n# Create a new secret named my-secret with specified keys instead of names on disk\nkubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub\n\n# Create a new secret named my-secret with key1=supersecret and key2=topsecret\nkubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret\n\n# Create a new secret named my-secret using a combination of a file and a literal\nkubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret\n\n# Create a new secret named my-secret from env files\nkubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
  usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [APPEND_HASH, ...sourceFlags('secret'), { name: 'type', type: 'string', help: 'The type of secret to create' }, ...GENERATOR_FLAGS],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const { name, opts } = start;
    const sources = sourcesOf(inv);
    const combo = combinationError(sources);
    if (combo) return fail(`error: ${combo}\n`);
    const plain: Record<string, string> = {};
    const add = keyAdder('Secret', name, plain);
    const err = addLiterals(sources.literals, add) ?? addFiles(ctx, sources.files, add) ?? addEnvFiles(ctx, sources.envFiles, 'Secret', add);
    if (err) return fail(`error: ${err}\n`);
    return storeSecret(inv, ctx, opts, name, plain, String(inv.flags.values.type ?? ''));
  },
};

/**
 * `kubectl create secret docker-registry NAME --docker-server=S --docker-username=U
 * --docker-password=P [--docker-email=E]` or `--from-file=[key=]path` (kubectl 1.33
 * create_secret_docker.go): a `kubernetes.io/dockerconfigjson` Secret whose `.dockerconfigjson`
 * is `{"auths":{"S":{"username":U,"password":P,"email":E,"auth":base64(U:P)}}}`, compact, empty
 * fields left out (Go's omitempty). The server defaults to Docker Hub's `https://index.docker.io/v1/`.
 */
const createSecretDockerRegistry: KubectlVerb = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  long: 'Create a new secret for use with Docker registries.\n        \n        Dockercfg secrets are used to authenticate against Docker registries.\n        \n        When using the Docker command line to push images, you can authenticate to a given registry by running:\n        \'$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL\'.\n        \n That produces a ~/.dockercfg file that is used by subsequent \'docker push\' and \'docker pull\' commands to authenticate to the registry. The email address is optional.\n\n        When creating applications, you may have a Docker registry that requires authentication.  In order for the\n        nodes to pull images on your behalf, they must have the credentials.  You can provide this information\n        by creating a dockercfg secret and attaching it to your service account.',
  examples: '# If you do not already have a .dockercfg file, create a dockercfg secret directly\nkubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL\n\n# Create a new secret named my-secret from ~/.docker/config.json\nkubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json',
  usage: 'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  flags: [
    APPEND_HASH,
    { name: 'docker-email', type: 'string', help: 'Email for Docker registry' },
    { name: 'docker-password', type: 'string', help: 'Password for Docker registry authentication' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/', help: 'Server location for Docker registry' },
    { name: 'docker-username', type: 'string', help: 'Username for Docker registry authentication' },
    { name: 'from-file', type: 'stringArray', help: 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.' },
    ...GENERATOR_FLAGS,
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const { name, opts } = start;
    const v = inv.flags.values;
    const str = (k: string) => String(v[k] ?? '');
    const files = (v['from-file'] as string[]).flatMap((f) => f.split(',')).map((f) => (f.includes('=') ? f : `.dockerconfigjson=${f}`));
    if (files.length === 0 && (!str('docker-username') || !str('docker-password') || !str('docker-server'))) {
      return fail('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n');
    }
    const plain: Record<string, string> = {};
    if (files.length > 0) {
      const err = addFiles(ctx, files, keyAdder('Secret', name, plain));
      if (err) return fail(`error: ${err}\n`);
    } else {
      const entry = {
        username: str('docker-username'), password: str('docker-password'),
        ...(str('docker-email') ? { email: str('docker-email') } : {}),
        auth: encodeBase64(`${str('docker-username')}:${str('docker-password')}`),
      };
      plain['.dockerconfigjson'] = JSON.stringify({ auths: { [str('docker-server')]: entry } });
    }
    return storeSecret(inv, ctx, opts, name, plain, 'kubernetes.io/dockerconfigjson');
  },
};

/**
 * `kubectl create secret`: a group of three: `docker-registry`, `generic` and `tls`.
 * With no sub-command cobra prints the group's help on stderr and exits 1; a word that is no
 * sub-command is `error: unknown command "x"`.
 */
export const createSecret: KubectlVerb = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  flags: [],
  subcommands: [createSecretDockerRegistry, createSecretGeneric, createSecretTls],
  subcommandPadding: 17,
  takesArgs: true,
  run(inv) {
    const args = inv.flags.positionals;
    if (args.length > 0) return fail(`error: unknown command "${args.join(' ')}"\nSee 'kubectl create secret -h' for help and examples\n`);
    return fail(verbHelp(createSecret, inv.path));
  },
};
