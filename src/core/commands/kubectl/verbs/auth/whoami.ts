import type { KubectlVerb } from '../../verb.ts';
import { renderTable } from '../../../../printers/table.ts';
import { rfc3339 } from '../../../../time.ts';
import { actingUser, refusalText } from '../../root/requests.ts';
import { kubectlParsed } from '../../root/parsed.ts';
import { fail, printCreated, printOptions } from '../create/output.ts';

/**
 * `kubectl auth whoami [-o json|yaml|name|jsonpath]` (kubectl 1.33, a SelfSubjectReview): the
 * attributes the API server authenticated the request with, as an ATTRIBUTE/VALUE table
 * (`Username`, then `Groups` as `[a b]`), or the review object itself with -o. `--as` shows the
 * impersonated user, as the real review does.
 */
export const whoami: KubectlVerb = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  long: 'Experimental: Check who you are and your attributes (groups, extra).\n\n        This command is helpful to get yourself aware of the current user attributes,\n        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,\n        is enabled in the Kubernetes cluster.',
  examples: '# Get your subject attributes\nkubectl auth whoami\n\n# Get your subject attributes in JSON format\nkubectl auth whoami -o json',
  usage: 'kubectl auth whoami [options]',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true, help: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'show-managed-fields', type: 'bool', help: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', help: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  ],
  run(inv, ctx) {
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    if (inv.flags.positionals.length) return fail(`error: unknown command "${inv.flags.positionals[0]}" for "kubectl auth whoami"\n`);
    const who = actingUser(ctx.state, kubectlParsed(inv.path, inv.flags, inv.namespace, inv.allNamespaces));
    if ('refusal' in who) return { stdout: '', stderr: refusalText(who.refusal), exitCode: 1 };
    const { name, groups } = who.user;
    if (p.opts.format) {
      const review = {
        apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview',
        metadata: { creationTimestamp: rfc3339(ctx.state.now) },
        status: { userInfo: { username: name, ...(groups.length ? { groups: [...groups] } : {}) } },
      };
      return printCreated(p.opts, 'selfsubjectreview.authentication.k8s.io/', review);
    }
    const rows = [['Username', name], ...(groups.length ? [['Groups', `[${groups.join(' ')}]`]] : [])];
    return { stdout: renderTable(['ATTRIBUTE', 'VALUE'], rows), stderr: '', exitCode: 0 };
  },
};
