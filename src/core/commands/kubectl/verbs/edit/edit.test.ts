import { describe, expect, it } from 'vitest';
import { manifestSession } from '../../../../testing/tinyScenario.ts';
import { Session } from '../../../../session/session.ts';
import { playScript } from '../../../../session/script.ts';
import { EDIT_HEADER } from './loop.ts';

const session = () => manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: default }, data: { level: info } }']);

/** Opens `kubectl edit LINE` and returns the session and the text the editor shows. */
function open(line: string) {
  const s = session();
  const r = s.run(line);
  expect(r).toEqual({ output: '', following: true, clear: undefined });
  return { s, text: s.editing!.text };
}

describe('kubectl edit', () => {
  it('opens the object under kubectl\'s header in vi, on a /tmp/kubectl-edit-*.yaml file', () => {
    const { s, text } = open('kubectl edit configmap settings');
    expect(s.editing).toMatchObject({ program: 'vi' });
    expect(s.editing!.file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(text).toBe(`${EDIT_HEADER}apiVersion: v1
data:
  level: info
kind: ConfigMap
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  name: settings
  namespace: default
  resourceVersion: "${s.run('kubectl get cm settings -o jsonpath={.metadata.resourceVersion}').output}"
  uid: ${s.run('kubectl get cm settings -o jsonpath={.metadata.uid}').output}
`);
    expect(EDIT_HEADER).toBe("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n");
  });

  it('saving a change patches the object and prints `deployment.apps/web edited`; get shows it', () => {
    const { s, text } = open('kubectl edit deploy/web');
    expect(s.saveEdit(text.replace(/^  replicas: 1$/m, '  replicas: 3'))).toEqual({ output: 'deployment.apps/web edited\n', following: false });
    expect(s.editing).toBeUndefined();
    expect(s.state.deployments['default/web'].spec.replicas).toBe(3);
    expect(s.run('kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('3');
    expect(s.commandLog.at(-2)).toMatchObject({ line: 'kubectl edit deploy/web', exitCode: 0, outcome: 'ok', stdout: 'deployment.apps/web edited\n' });
  });

  it('quitting without a change (or saving it unchanged) cancels', () => {
    const { s, text } = open('kubectl edit deployment web');
    expect(s.saveEdit(text).output).toBe('Edit cancelled, no changes made.\n');
    expect(s.run('echo $?').output).toBe('0\n');
    const again = open('kubectl edit cm settings -o json');
    expect(again.text.startsWith(`${EDIT_HEADER}{\n    "apiVersion": "v1",`)).toBe(true);
    expect(again.s.saveEdit(again.text.replace('"info"', '"debug"')).output).toBe('configmap/settings edited\n');
    expect(again.s.run('kubectl get cm settings -o jsonpath={.data.level}').output).toBe('debug');
  });

  it('an invalid object reopens the file with the API server\'s causes; saving it unchanged again gives up and keeps a copy', () => {
    const { s, text } = open('kubectl edit deploy web');
    const bad = text.replace(/^  replicas: 1$/m, '  replicas: -1');
    const r = s.saveEdit(bad);
    expect(r).toEqual({ output: 'error: deployments.apps "web" is invalid\n', following: true });
    const body = bad.slice(EDIT_HEADER.length);
    expect(s.editing!.text).toBe(`${EDIT_HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n${body}`);
    const file = s.editing!.file;
    expect(s.saveEdit(s.editing!.text).output).toBe(`A copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(s.run('echo $?').output).toBe('1\n');
    expect(s.run(`grep -c 'replicas: -1' ${file}`).output).toBe('1\n');
    expect(s.state.deployments['default/web'].spec.replicas).toBe(1);
  });

  it('a syntax error reopens with its reason; a fix then saves', () => {
    const { s, text } = open('kubectl edit deploy web');
    s.saveEdit(text.replace('kind: Deployment', 'kind: [Deployment'));
    expect(s.editing!.text).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error converting YAML to JSON: yaml: .+\n#\napiVersion: apps\/v1\n/);
    expect(s.saveEdit(s.editing!.text.replace('kind: [Deployment', 'kind: Deployment').replace(/^  replicas: 1$/m, '  replicas: 2')).output).toBe('deployment.apps/web edited\n');
  });

  it('renaming the object, or emptying the file, is refused as kubectl refuses it', () => {
    const a = open('kubectl edit cm settings');
    const file = a.s.editing!.file;
    expect(a.s.saveEdit(a.text.replace('name: settings', 'name: other')).output).toBe(`A copy of your changes has been stored to "${file}"\nerror: At least one of apiVersion, kind and name was changed\n`);
    const b = open('kubectl edit cm settings');
    expect(b.s.saveEdit(EDIT_HEADER).output).toBe('Edit cancelled, saved file was empty.\n');
  });

  it('--output-patch prints the patch; KUBE_EDITOR picks the editor', () => {
    const s = session();
    s.run('KUBE_EDITOR=nano kubectl edit cm settings --output-patch');
    expect(s.editing!.program).toBe('nano');
    expect(s.saveEdit(s.editing!.text.replace('level: info', 'level: warn')).output).toBe('Patch: {"data":{"level":"warn"}}\nconfigmap/settings edited\n');
  });

  it('errors before the editor opens, as kubectl 1.33 words them', () => {
    const s = session();
    expect(s.run('kubectl edit').output).toBe("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    expect(s.run('kubectl edit deploy nope').output).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(s.run('kubectl edit deploy web -o wide').output).toBe('error: the edit mode only supports yaml or json output formats\n');
    expect(s.editing).toBeUndefined();
  });

  it('replays exactly from the input log (the saved text is an input)', () => {
    const { s, text } = open('kubectl edit deploy web');
    s.saveEdit(text.replace(/^  replicas: 1$/m, '  replicas: 4'));
    expect(s.inputs.filter((i) => i.type === 'edit')).toHaveLength(1);
    const again = Session.replay(s.scenario, s.inputs);
    expect(again.transcript).toEqual(s.transcript);
    expect(again.state.deployments['default/web'].spec.replicas).toBe(4);
  });

  it('in a script, the lines after `kubectl edit` are vi ex commands', () => {
    const s = session();
    const events = playScript(s, 'kubectl edit deploy web\n:%s/replicas: 1$/replicas: 5/\n:nonsense\n:wq\nkubectl get deploy web -o jsonpath={.spec.replicas}');
    expect(events.map((e) => (e.kind === 'command' ? e.output : ''))).toEqual(['', '', 'E492: Not an editor command: nonsense\n', 'deployment.apps/web edited\n', '5']);
  });
});
