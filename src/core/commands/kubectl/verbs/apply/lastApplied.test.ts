import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');

describe('kubectl apply set-last-applied and view-last-applied (kubectl 1.33 wording)', () => {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(root, 'scenarios', 'crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  const run = (line: string) => s.run(line, s.now + 1000).output;

  it('needs --create-annotation on an object without one, then says when nothing changes', () => {
    run('kubectl get deploy user-directory -n identity -o yaml > /tmp/ud.yaml');
    expect(run('kubectl apply view-last-applied deploy/user-directory -n identity')).toBe('');
    expect(run('kubectl apply set-last-applied -f /tmp/ud.yaml')).toBe('error: no last-applied-configuration annotation found on resource: user-directory, to create the annotation, run the command with --create-annotation\n');
    expect(run('kubectl apply set-last-applied -f /tmp/ud.yaml --create-annotation --dry-run=client')).toBe('deployment.apps/user-directory configured (dry run)\n');
    expect(run('kubectl apply view-last-applied deploy/user-directory -n identity')).toBe('');
    expect(run('kubectl apply set-last-applied -f /tmp/ud.yaml --create-annotation')).toBe('deployment.apps/user-directory configured\n');
    expect(run('kubectl apply set-last-applied -f /tmp/ud.yaml')).toBe('set-last-applied user-directory: no changes required.\n');
    expect(run('kubectl apply view-last-applied deploy/user-directory -n identity | head -3')).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n');
    // What apply compares against is now the file: applying it again changes nothing.
    expect(run('kubectl apply -f /tmp/ud.yaml')).toBe('deployment.apps/user-directory unchanged\n');
  });

  it('answers a missing file or flag as kubectl does', () => {
    expect(run('kubectl apply set-last-applied')).toBe('error: must specify one of -f and -k\n');
    expect(run('kubectl apply set-last-applied -f /tmp/none.yaml')).toBe('error: the path "/tmp/none.yaml" does not exist\n');
    expect(run('kubectl apply view-last-applied deploy/user-directory -n identity -o wide')).toBe("error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n");
  });

  it('edit-last-applied opens the stored configuration under its own header and saves only the annotation', () => {
    expect(run('kubectl apply edit-last-applied deploy/auth-service -n identity')).toBe('error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n');
    const r = s.run('kubectl apply edit-last-applied deploy/user-directory -n identity', s.now + 1000);
    expect(r.following).toBe(true);
    const text = s.editing!.text;
    expect(text.startsWith("# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect(s.saveEdit(text.replace(/^  replicas: 2$/m, '  replicas: 5'))).toEqual({ output: 'deployment.apps/user-directory edited\n', following: false });
    expect(run("kubectl apply view-last-applied deploy/user-directory -n identity -o json | grep '\"replicas\": 5'")).toBe('    "replicas": 5,\n');
    expect(run("kubectl get deploy user-directory -n identity -o jsonpath='{.spec.replicas}'")).toBe('2');
  });
});
