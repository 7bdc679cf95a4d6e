import { describe, expect, it } from 'vitest';
import { verb, topNode, topPod } from './index.ts';
import { runVerb } from '../describe/runVerb.ts';
import { runKubectl } from '../../testing.ts';
import { fixtureWithRuntime, haveShared } from '../../../../../../tests/real-kubectl/fixture.ts';

describe.skipIf(!haveShared)('kubectl top (fixture state; needs ../shared)', () => {
  const s = haveShared ? fixtureWithRuntime() : undefined!;

  it('lists node usage with kubectl 1.33 columns, names sorted, trailing cells padded', () => {
    const out = runVerb(topNode, s, []).stdout.split('\n');
    expect(out[0]).toBe('NAME       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(out.slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5', 'worker-6', 'worker-7', 'worker-8']);
    expect(out[1]).toMatch(/^worker-1   \d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/);
  });

  it('shows <unknown> for a node that is not Ready, after the others', () => {
    const node = structuredClone(s.nodes['worker-1']);
    node.status.conditions = node.status.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' as const } : c));
    const out = runVerb(topNode, { ...s, nodes: { ...s.nodes, 'worker-1': node } }, []).stdout.split('\n');
    expect(out[8]).toBe('worker-1   <unknown>    <unknown>   <unknown>       <unknown>   ');
  });

  it('is deterministic and omits pods with no running container', () => {
    const a = runVerb(topPod, s, ['-n', 'payments']).stdout;
    expect(a).toBe(runVerb(topPod, s, ['-n', 'payments']).stdout);
    expect(a).not.toContain('payment-service-6c8d7f9b4-7kq2m');
    expect(a.split('\n')[0]).toBe('NAME                              CPU(cores)   MEMORY(bytes)   ');
    expect(a.split('\n')[1]).toMatch(/^payment-service-5f6b8d7c9-\w{5}   1\d\dm\s+\d{3}Mi\s+$/);
  });

  it('answers errors in kubectl\'s words', () => {
    expect(runVerb(topPod, s, ['--sort-by=bogus'])).toEqual({ stdout: '', stderr: 'error: --sort-by accepts only cpu or memory\n', exitCode: 1 });
    expect(runVerb(topNode, s, ['--sort-by=bogus']).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect(runVerb(topPod, s, ['-n', 'nons'])).toEqual({ stdout: '', stderr: 'No resources found in nons namespace.\n', exitCode: 0 });
    expect(runVerb(topPod, s, ['nope', '-n', 'shop']).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(runVerb(topPod, s, ['payment-service-6c8d7f9b4-7kq2m', '-n', 'payments']).stderr).toBe('error: Metrics not available for pod payments/payment-service-6c8d7f9b4-7kq2m, age: 38m4s\n');
    expect(runVerb(verb, s, []).exitCode).toBe(1);
    expect(runVerb(verb, s, []).stderr.startsWith('Display resource (CPU/memory) usage.\n')).toBe(true);
  });

  it('answers garbage through the kubectl root with each whole error the learner sees', () => {
    const cases: [string, string][] = [
      ['top pod __proto__', 'Error from server (NotFound): pods "__proto__" not found\n'],
      // labels.Parse's words (real kubectl 1.33 parses -l before asking for metrics).
      ['top node -l (((', "error: found '(', expected: !, identifier, or 'end of string'\n"],
      ['top pod -l !!', "error: unable to parse requirement: found '!', expected: identifier\n"],
      ['top bogus', 'error: unknown command "bogus"\nSee \'kubectl top -h\' for help and examples\n'],
    ];
    for (const [line, stderr] of cases) expect(runKubectl(s, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });

  it('sums per-container usage across namespaces, heaviest memory first', () => {
    const r = runKubectl(s, 'kubectl top pod -n shop --containers --sum --sort-by=memory');
    expect(r).toMatchObject({ stderr: '', exitCode: 0 });
    expect(r.stdout).toBe(
      'POD                             NAME           CPU(cores)   MEMORY(bytes)   \n' +
      'checkout-api-7d9f8b6c5d-p7wzn   checkout-api   173m         241Mi           \n' +
      'checkout-api-7d9f8b6c5d-5jq8r   checkout-api   174m         230Mi           \n' +
      '                                               ________     ________        \n' +
      '                                               347m         472Mi           \n');
    const all = runKubectl(s, 'kubectl top pods -A --containers --sum --sort-by=memory').stdout.split('\n');
    expect(all[0]).toBe('NAMESPACE     POD                               NAME              CPU(cores)   MEMORY(bytes)   ');
    expect(all.slice(-3)).toEqual(['                                                                  ________     ________        ', '                                                                  2287m        4926Mi          ', '']);
    const mem = all.slice(1, -3).map((l) => Number(l.split(/\s+/)[4].replace('Mi', '')));
    expect(mem).toEqual([...mem].sort((a, b) => b - a));
    expect(mem).toHaveLength(25);
  });
});

describe('kubectl top pod --field-selector (sigill-node)', () => {
  it('lists only the pods the field selector keeps, as metrics-server filters them', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../../../../scenario/parse.ts');
    const { Session } = await import('../../../../session/session.ts');
    const r = parseScenario('scenarios/sigill-node.yaml', readFileSync('scenarios/sigill-node.yaml', 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const s = Session.start(r.scenario);
    const out = s.run('kubectl top pod -A --field-selector=spec.nodeName=ip-10-42-3-208 --no-headers').output;
    const onNode = Object.values(s.state.pods).filter((p) => p.spec.nodeName === 'ip-10-42-3-208' && p.status.phase === 'Running').map((p) => p.metadata.name);
    expect(out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[1]).every((n) => onNode.includes(n))).toBe(true);
    expect(out).toMatch(/^kube-system\s+kube-proxy-\w+\s+\d+m\s+\d+Mi\s+$/m);
    expect(s.run('kubectl top pod -n production --field-selector=spec.nodeName=nowhere').output).toBe('No resources found in production namespace.\n');
  });
});
