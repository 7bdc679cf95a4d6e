import { describe, expect, it } from 'vitest';
import { manifestSession } from '../../../../testing/tinyScenario.ts';

const session = () => manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: default }, data: { level: info } }']);
const podName = (s: ReturnType<typeof session>) => s.run('kubectl get pods -o name').output.trim();

describe('kubectl wait', () => {
  it('prints `condition met` for what already meets it, and returns', () => {
    const s = session();
    const pod = podName(s);
    expect(s.run('kubectl wait --for=condition=Ready pod -l app=web')).toEqual({ output: `${pod} condition met\n`, following: false, clear: undefined });
    expect(s.run('kubectl wait --for=condition=available deploy/web').output).toBe('deployment.apps/web condition met\n');
    expect(s.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod --all").output).toBe(`${pod} condition met\n`);
    expect(s.run("kubectl wait --for=jsonpath='{.data.level}' cm/settings").output).toBe('configmap/settings condition met\n');
  });

  it('waits on the virtual clock: a deletion is seen when it happens; Ctrl-C ends an endless wait', () => {
    const s = session();
    const pod = podName(s);
    const r = s.run('kubectl scale deploy web --replicas=0 && kubectl wait --for=delete pod -l app=web --timeout=2m');
    expect(r.output).toBe('deployment.apps/web scaled\n');
    expect(r.following).toBe(true);
    const rest = s.tick(s.now + 60_000);
    expect(rest).toEqual({ output: `${pod} condition met\n`, following: false });
    s.run('kubectl wait --for=condition=Ready=false deploy/web --timeout=-1s');
    expect(s.following).toBe(true);
    expect(s.interrupt().output).toBe('^C\n');
  });

  it('times out on the first target that never meets the condition, with one shared deadline', () => {
    const s = session();
    const pod = podName(s).replace('pod/', 'pods/');
    const r = s.run('kubectl wait --for=condition=Ready=false pod --all --timeout=10s');
    expect(r).toEqual({ output: '', following: true, clear: undefined });
    expect(s.tick(s.now + 30_000)).toEqual({ output: `error: timed out waiting for the condition on ${pod}\n`, following: false });
    expect(s.run('echo $?').output).toBe('1\n');
    expect(s.run('kubectl wait --for=condition=Ready=false pod --all --timeout=0').output).toBe(`error: timed out waiting for the condition on ${pod}\n`);
  });

  it('answers mistakes as kubectl 1.33 does', () => {
    const s = session();
    expect(s.run('kubectl wait --for=foo pod/x').output).toBe('error: unrecognized condition: "foo"\n');
    expect(s.run('kubectl wait pod/x').output).toBe('error: unrecognized condition: ""\n');
    expect(s.run("kubectl wait --for=jsonpath='{.a}=' pod/x").output).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    expect(s.run('kubectl wait --for=condition=Ready pod/nope').output).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(s.run('kubectl wait --for=delete pod/nope').output).toBe('');
    expect(s.run('kubectl wait --for=condition=Ready pod -l app=none').output).toBe('error: no matching resources found\n');
    expect(s.run('kubectl wait --for=condition=Ready pod/x --timeout=abc').output).toBe('error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n');
    expect(s.run('kubectl wait --for=delete').output).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
  });
});
