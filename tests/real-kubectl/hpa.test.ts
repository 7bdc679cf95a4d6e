import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/core/session/session.ts';
import { autoscaledSession } from '../../src/core/testing/autoscaled.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();
/** The autoscaled test cluster after ten minutes of load. */
function session(requests: string, behavior: string): Session {
  const s = autoscaledSession(requests, behavior);
  s.run('sleep 600');
  return s;
}

/** The simulator's HorizontalPodAutoscaler as the real kubectl 1.33 describes it, through kube-fake-api. */
describe.skipIf(!!noKubectl)(`HorizontalPodAutoscaler described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  for (const [title, requests, behavior] of [
    ['scaled out, with a behavior', '{ cpu: 200m, memory: 256Mi }', ', behavior: { scaleDown: { stabilizationWindowSeconds: 60 } }'],
    ['unable to compute: a container without a CPU request', '{ memory: 256Mi }', ''],
  ] as const) {
    it(title, () => {
      const s = session(requests, behavior);
      const ours = s.run('kubectl describe hpa api').output;
      const json = (line: string) => JSON.parse(s.run(line).output) as { items: unknown[] };
      const real = compareWithRealKubectl([...json('kubectl get hpa -o json').items, ...json('kubectl get events -o json').items], 'horizontalpodautoscalers', 'api', 'default', ours, rfc3339(s.now));
      expect(real.stderr).toBe('');
      expect(ours).toBe(real.real);
      // Ten virtual minutes of autoscaling plus a real kubectl run: slow on a loaded machine.
    }, 90_000);
  }
});
