import type { KubectlVerb } from '../../verb.ts';
import { accessRows } from '../../../../kinds/rbac.ts';
import { resolveKind } from '../../../../kinds/registry.ts';
import { admit } from '../../../../sim/admission.ts';
import { authorize, rulesFor, type Attributes } from '../../../../sim/authz.ts';
import { renderTable } from '../../../../printers/table.ts';
import { actingUser, refusalText } from '../../root/requests.ts';
import { kubectlParsed } from '../../root/parsed.ts';
import { verbHelp } from '../../root/help.ts';
import { whoami } from './whoami.ts';
import { reconcile } from './reconcile.ts';

const CAN_I_USAGE = "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n";

/** `kubectl auth can-i VERB TYPE[/NAME]`: yes (exit 0) or no (exit 1), as the API server's access review answers. */
const canI: KubectlVerb = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  long: "Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
  usage: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  examples: '# Check to see if I can create pods in any namespace\nkubectl auth can-i create pods --all-namespaces\n\n# Check to see if I can list deployments in my current namespace\nkubectl auth can-i list deployments.apps\n\n# Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"\n# You must be allowed to use impersonation for the global option "--as"\nkubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n\n# Check to see if I can do everything in my current namespace ("*" means all)\nkubectl auth can-i \'*\' \'*\'\n\n# Check to see if I can get the job named "bar" in namespace "foo"\nkubectl auth can-i list jobs.batch/bar -n foo\n\n# Check to see if I can read pod logs\nkubectl auth can-i get pods --subresource=log\n\n# Check to see if I can access the URL /logs/\nkubectl auth can-i get /logs/\n\n# Check to see if I can approve certificates.k8s.io\nkubectl auth can-i approve certificates.k8s.io\n\n# List all allowed actions in namespace "foo"\nkubectl auth can-i --list --namespace=foo',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If true, check the specified action in all namespaces.' },
    { name: 'list', type: 'bool', help: 'If true, prints all allowed actions.' },
    { name: 'no-headers', type: 'bool', help: 'If true, prints allowed actions without headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'If true, suppress output and just return the exit code.' },
    { name: 'subresource', type: 'string', help: 'SubResource such as pod/log or deployment/scale' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    const who = actingUser(ctx.state, kubectlParsed(inv.path, inv.flags, inv.namespace, inv.allNamespaces));
    if ('refusal' in who) return { stdout: '', stderr: refusalText(who.refusal), exitCode: 1 };
    const user = who.user;
    if (v.list === true) {
      // A SelfSubjectRulesReview: what the user's bindings grant in the namespace.
      if (args.length > 0) return { stdout: '', stderr: "error: list option must be specified with no arguments\n", exitCode: 1 };
      const granted = rulesFor(ctx.state, user, inv.namespace);
      const stdout = renderTable(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'], accessRows(granted.rules.map((g) => g.rule)), v['no-headers'] === true);
      return { stdout, stderr: '', exitCode: 0 };
    }
    if (args.length !== 2) return { stdout: '', stderr: CAN_I_USAGE, exitCode: 1 };
    const [verb, target] = args;
    const namespace = v['all-namespaces'] === true ? undefined : inv.namespace;
    let stderr = '';
    let access: Attributes;
    if (target.startsWith('/')) {
      access = { verb, group: '', resource: '', subresource: '', path: target };
    } else {
      const [typed, name] = target.split('/');
      const def = typed === '*' ? undefined : resolveKind(typed);
      if (typed !== '*' && !def) stderr += `Warning: the server doesn't have a resource type '${typed}'\n\n`;
      access = { verb, group: def?.group ?? typed.split('.').slice(1).join('.'), resource: def?.plural ?? typed.split('.')[0], subresource: String(v.subresource ?? ''), name, namespace: def && !def.namespaced ? undefined : namespace };
    }
    const decision = authorize(ctx.state, user, access);
    // Scenario faults at the api stage (an rbac-denied rule) refuse what RBAC alone would allow;
    // admission webhooks are not asked (a SelfSubjectAccessReview is authorization only).
    const refused = decision.allowed && access.path === undefined
      && admit(ctx.state, { verb, resource: access.subresource ? `${access.resource}/${access.subresource}` : access.resource, group: access.group, namespace: access.namespace, name: access.name, user: user.name }, { webhooks: false });
    const allowed = decision.allowed && !refused;
    const quiet = v.quiet === true;
    const answer = allowed ? 'yes\n' : decision.reason ? `no - ${decision.reason}\n` : 'no\n';
    const stdout = quiet ? '' : answer;
    // The warning about an unknown type comes before the answer.
    return { stdout, stderr, exitCode: allowed ? 0 : 1, ...(stderr && stdout ? { interleaved: stderr + stdout } : {}) };
  },
};

/** `kubectl auth`: its help, `can-i`, `reconcile` and `whoami`. */
export const auth: KubectlVerb = {
  name: 'auth',
  short: 'Inspect authorization',
  long: 'Inspect authorization.',
  usage: 'kubectl auth [flags] [options]',
  flags: [],
  subcommands: [canI, reconcile, whoami],
  run() {
    return { stdout: verbHelp(auth), stderr: '', exitCode: 0 };
  },
};
