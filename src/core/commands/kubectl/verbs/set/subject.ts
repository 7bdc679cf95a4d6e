import { clone } from '../../../../clone.ts';
import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { setFlags, commonChecks, fail, findSetObjects, sendEdited } from './target.ts';

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
const sorted = (values: unknown) => [...new Set(values as string[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * `kubectl set subject (TYPE NAME | TYPE/NAME) --user=U --group=G --serviceaccount=NS:NAME`
 * (kubectl 1.33 set_subject.go): adds the subjects a RoleBinding or ClusterRoleBinding lacks
 * (users, then groups, then service accounts, each sorted; an account without a namespace takes
 * the current one, which a ClusterRoleBinding refuses). Prints
 * `rolebinding.rbac.authorization.k8s.io/NAME subjects updated`, nothing when all were there.
 */
export const subject: KubectlVerb = {
  name: 'subject',
  short: 'Update the user, group, or service account in a role binding or cluster role binding',
  long: 'Update the user, group, or service account in a role binding or cluster role binding.',
  examples: `# Update a cluster role binding for serviceaccount1
kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1

# Update a role binding for user1, user2, and group1
kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1

# Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml`,
  usage: 'kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [
    ...setFlags('subject', { filename: 'Filename, directory, or URL to files the resource to update the subjects' }),
    { name: 'group', type: 'stringArray', help: 'Groups to bind to the role' },
    { name: 'serviceaccount', type: 'stringArray', help: 'Service accounts to bind to the role' },
    { name: 'user', type: 'stringArray', help: 'Usernames to bind to the role' },
  ],
  run(inv, ctx): CommandResult {
    const v = inv.flags.values;
    const bad = commonChecks(v);
    if (bad) return fail(bad);
    const found = findSetObjects(inv, ctx, inv.flags.positionals);
    if (!found.ok) return fail(found.error);
    const users = sorted(v.user);
    const groups = sorted(v.group);
    const accounts = sorted(v.serviceaccount);
    if (!users.length && !groups.length && !accounts.length) return fail('error: you must specify at least one value of user, group or serviceaccount\n');
    for (const sa of accounts) {
      const [ns, name, extra] = sa.split(':');
      if (name === undefined || name === '' || extra !== undefined) return fail('error: serviceaccount must be <namespace>:<name>\n');
      if (ns === '' && found.objects.some((o) => o.obj.kind === 'ClusterRoleBinding')) return fail('error: serviceaccount must be <namespace>:<name>, namespace must be specified\n');
    }
    const wanted: Subject[] = [
      ...users.map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...groups.map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...accounts.map((sa) => ({ kind: 'ServiceAccount', name: sa.split(':')[1], namespace: sa.split(':')[0] || inv.namespace })),
    ];
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const { obj, ref, plural } of found.objects) {
      if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') {
        stderr += `error: ${plural}/${obj.metadata.name} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`;
        continue;
      }
      const next = clone(obj) as KubeObject & { subjects?: Subject[] };
      const have = next.subjects ?? [];
      const added = wanted.filter((w) => !have.some((h) => sameSubject(h, w)));
      if (!added.length) continue;
      next.subjects = [...have, ...added];
      const r = sendEdited(ctx, inv, ref, next, 'subjects updated');
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
