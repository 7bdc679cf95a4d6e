import type { FlagSpec } from '../../flags.ts';

/**
 * kubectl's global flags (those `kubectl options` lists) that the simulator accepts on every verb.
 * The kubeconfig-related ones are accepted and ignored: the learner has one cluster.
 */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', help: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', help: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', help: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'cluster', type: 'string', help: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', help: 'The name of the kubeconfig user to use' },
  { name: 'server', short: 's', type: 'string', help: 'The address and port of the Kubernetes API server' },
  { name: 'request-timeout', type: 'string', default: '0', help: 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' },
  { name: 'v', short: 'v', type: 'string', default: '0', help: 'number for the log level verbosity' },
  { name: 'insecure-skip-tls-verify', type: 'bool', help: 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure' },
  { name: 'token', type: 'string', help: 'Bearer token for authentication to the API server' },
  { name: 'as', type: 'string', help: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' },
  { name: 'as-group', type: 'stringArray', help: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
  { name: 'as-uid', type: 'string', help: 'UID to impersonate for the operation.' },
  { name: 'warnings-as-errors', type: 'bool', help: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
];

/** `-h/--help`, which cobra adds to every command. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', help: 'help for this command' };

/** Global flags that take a value as the next word (`-n shop`), for finding the verb among args. */
export const GLOBAL_VALUE_FLAGS = new Set(
  GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
);
