import { describe, expect, it } from 'vitest';
import { ingressSession } from '../../src/core/testing/ingressed.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

/** The simulator's Ingress as the real kubectl 1.33 describes it: it reads the backends' Services and EndpointSlices itself. */
describe.skipIf(!!noKubectl)(`Ingress described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  it('TLS, a default backend and a path to missing Services, a path to two ready pods', () => {
    const s = ingressSession();
    const ours = s.run('kubectl describe ingress shop').output;
    const items = (line: string) => (JSON.parse(s.run(line).output) as { items: unknown[] }).items;
    const objects = [...items('kubectl get ingress,services,endpointslices,events -o json')];
    const real = compareWithRealKubectl(objects, 'ingress', 'shop', 'default', ours, rfc3339(s.now));
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.real);
  }, 60_000);
});
