/**
 * `kubectl explain` from the kind registry's docs, laid out as kubectl 1.33's plaintext template
 * prints OpenAPI v3 schemas: header, FIELD line (with ENUM), wrapped DESCRIPTION (the field's then
 * its type's), FIELDS (`--recursive`: names and types only), and kubectl's errors.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { goWrap } from './index.ts';
import { kubectlCommand } from '../../index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
const parsed = parseScenario('scenarios/pending.yaml', readFileSync(join(root, 'scenarios', 'pending.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const session = Session.start(parsed.scenario);
const run = (line: string) => {
  const out = session.run(line).output;
  return { out, rc: Number(session.run('echo $?').output) };
};

describe('kubectl explain', () => {
  it('explains a field of a list type: two blank lines after FIELD, both descriptions wrapped as one text, its fields', () => {
    expect(run('kubectl explain pod.spec.tolerations')).toEqual({ rc: 0, out:
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: tolerations <[]Toleration>\n\n\n' +
      "DESCRIPTION:\n    If specified, the pod's tolerations.\n    The pod this Toleration is attached to\n" +
      '    tolerates any taint that matches the triple <key,value,effect> using the\n    matching operator <operator>.\n    \n' +
      'FIELDS:\n' +
      '  effect\t<string>\n  enum: NoExecute, NoSchedule, PreferNoSchedule\n' +
      '    The taint effect to match. Empty matches every effect. When given, one of\n    NoSchedule, PreferNoSchedule and NoExecute.\n\n' +
      '  key\t<string>\n    The taint key the toleration applies to. Empty matches every key; the\n' +
      '    operator must then be Exists, and the toleration matches every value and\n    every key.\n\n' +
      '  operator\t<string>\n  enum: Equal, Exists\n    How the key is compared with the value: Exists or Equal, Equal by default.\n' +
      '    Exists works as a wildcard for the value, so a pod can tolerate every taint\n    of a given category.\n\n' +
      '  tolerationSeconds\t<integer>\n    How long the toleration, which must be of effect NoExecute (otherwise the\n' +
      '    field is ignored), tolerates the taint. By default it is not set, which\n' +
      '    means the taint is tolerated forever and the pod is never evicted for it.\n' +
      '    Zero and negative values are treated as 0 by the system: evict at once.\n\n' +
      '  value\t<string>\n    The taint value the toleration matches. Must be empty when the operator is\n    Exists; otherwise a plain string.\n\n\n' });
  });

  it('lists a leaf with its ENUM and no FIELDS; names the group of a grouped kind', () => {
    expect(run('kubectl explain pods.spec.restartPolicy').out).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\n' +
      'DESCRIPTION:\n    Restart policy for all containers within the pod. One of Always, OnFailure,\n' +
      '    Never. Defaults to Always. More info:\n    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n    \n\n');
    expect(run('kubectl explain deploy.spec.strategy.type').out.split('\n').slice(0, 4)).toEqual(['GROUP:      apps', 'KIND:       Deployment', 'VERSION:    v1', '']);
  });

  it('prints names and types only with --recursive, nested two spaces a level', () => {
    const out = run('kubectl explain ns --recursive').out;
    expect(out).toBe(
      'KIND:       Namespace\nVERSION:    v1\n\nDESCRIPTION:\n    Namespace provides a scope for Names. Use of multiple namespaces is\n    optional.\n    \n' +
      'FIELDS:\n  apiVersion\t<string>\n  kind\t<string>\n  metadata\t<ObjectMeta>\n' +
      '    annotations\t<map[string]string>\n    creationTimestamp\t<string>\n    deletionGracePeriodSeconds\t<integer>\n' +
      '    deletionTimestamp\t<string>\n    finalizers\t<[]string>\n    generateName\t<string>\n    generation\t<integer>\n' +
      '    labels\t<map[string]string>\n    name\t<string>\n    namespace\t<string>\n    ownerReferences\t<[]OwnerReference>\n' +
      '    resourceVersion\t<string>\n    uid\t<string>\n' +
      '  spec\t<NamespaceSpec>\n    finalizers\t<[]string>\n' +
      '  status\t<NamespaceStatus>\n    conditions\t<[]NamespaceCondition>\n    phase\t<string>\n    enum: Active, Terminating\n\n');
  });

  it("answers as kubectl does when the resource, the field or the arguments are wrong", () => {
    expect(run('kubectl explain pods.spec.tolerationz')).toEqual({ rc: 1, out: 'error: field "tolerationz" does not exist\n' });
    expect(run('kubectl explain foo')).toEqual({ rc: 1, out: 'the server doesn\'t have a resource type "foo"\n' });
    expect(run('kubectl explain')).toEqual({ rc: 1, out: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n' });
    expect(run('kubectl explain pods a')).toEqual({ rc: 1, out: 'error: We accept only this format: explain RESOURCE\n' });
  });

  it('wraps as sprig does: at the last space within the width, long words whole, newlines as plain characters', () => {
    expect(goWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(goWrap('a https://example.com/very/long b', 10)).toBe('a\nhttps://example.com/very/long\nb');
    expect(goWrap('one\ntwo three', 9)).toBe('one\ntwo\nthree');
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl explain --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    expect(run('kubectl explain --help').out).toBe(spawnSync(real!, ['explain', '--help'], { encoding: 'utf8' }).stdout);
  });
});

describe('Tab after kubectl explain', () => {
  it('offers resource types, then the documented fields below the typed path', () => {
    const ctx = { state: {} as never, frame: { place: 'laptop' as const, host: 'laptop', user: 'learner', cwd: '/' }, host: {} as never };
    expect(kubectlCommand.complete!(['kubectl', 'explain'], 'pod.spec.to', ctx)).toEqual(['pod.spec.tolerations']);
    expect(kubectlCommand.complete!(['kubectl', 'explain'], 'ns.status.', ctx)).toEqual(['ns.status.conditions', 'ns.status.phase']);
    expect(kubectlCommand.complete!(['kubectl', 'explain'], 'deploym', ctx)).toEqual(['deployment', 'deployments']);
  });
});
