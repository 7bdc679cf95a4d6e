import type { KubectlVerb } from '../../verb.ts';
import { apiVersionOf, KINDS } from '../../../../kinds/registry.ts';

/**
 * Group versions a 1.3x API server serves beyond those of the simulated kinds: HPAs also at
 * autoscaling/v1, and the review-only APIs behind `auth can-i` and `auth whoami`.
 */
const ALSO_SERVED = ['autoscaling/v1', 'authentication.k8s.io/v1', 'authorization.k8s.io/v1'];

/** `kubectl api-versions` (1.33): every served "group/version", one per line, sorted as Go's sort.Strings does. */
export const apiVersions: KubectlVerb = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: '# Print the supported API versions\nkubectl api-versions',
  usage: 'kubectl api-versions [options]',
  flags: [],
  run(inv) {
    if (inv.flags.positionals.length) return { stdout: '', stderr: `error: unexpected arguments: [${inv.flags.positionals.join(' ')}]\n`, exitCode: 1 };
    const versions = [...new Set([...KINDS.map(apiVersionOf), ...ALSO_SERVED])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { stdout: versions.map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 };
  },
};
