/**
 * Pod defaults the API server adds at creation: DefaultTolerationSeconds' not-ready/unreachable
 * tolerations only for taints the pod does not tolerate yet, and SetDefaults_Container's
 * imagePullPolicy from the image's tag. Checked through kubectl in a session.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../session/session.ts';
import { load } from '../../../tests/unit/garbage.ts';
import { defaultPullPolicy } from './podFactory.ts';

/** Applies a one-container pod named `p` with `extra` spec lines, then prints `jsonpath` of it. */
function applied(extra: string[], jsonpath: string, image = 'nginx:1.27'): string {
  const s = Session.start(load('crashloop.yaml'));
  const manifest = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: c', `    image: ${image}`, ...extra].join('\n');
  expect(s.run(`cat <<'EOF' | kubectl apply -n default -f -\n${manifest}\nEOF`).output).toBe('pod/p created\n');
  return s.run(`kubectl get pod p -n default -o jsonpath='${jsonpath}'`).output;
}

const NOT_READY = '{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300}';
const UNREACHABLE = '{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}';

describe('DefaultTolerationSeconds', () => {
  it('adds both 300 s tolerations to a pod without any', () => {
    expect(applied([], '{.spec.tolerations}')).toBe(`[${NOT_READY},${UNREACHABLE}]`);
  });

  it('adds none when an `operator: Exists` toleration without a key tolerates every taint', () => {
    expect(applied(['  tolerations:', '  - operator: Exists'], '{.spec.tolerations}')).toBe('[{"operator":"Exists"}]');
  });

  it('adds none when a keyless toleration has effect NoExecute, and both when it is NoSchedule only', () => {
    expect(applied(['  tolerations:', '  - operator: Exists', '    effect: NoExecute'], '{.spec.tolerations}')).toBe('[{"effect":"NoExecute","operator":"Exists"}]');
    expect(applied(['  tolerations:', '  - operator: Exists', '    effect: NoSchedule'], '{.spec.tolerations}'))
      .toBe(`[{"effect":"NoSchedule","operator":"Exists"},${NOT_READY},${UNREACHABLE}]`);
  });

  it('keeps the pod\'s own toleration of one taint (its seconds too) and adds only the other', () => {
    expect(applied(['  tolerations:', '  - key: node.kubernetes.io/unreachable', '    operator: Exists', '    effect: NoExecute', '    tolerationSeconds: 30'], '{.spec.tolerations}'))
      .toBe(`[{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":30},${NOT_READY}]`);
  });
});

describe('imagePullPolicy default', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.internal:5000/payments/api', 'Always'],
    ['registry.internal:5000/payments/api:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.internal:5000/payments/api:2.4.1', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('shows in the created pod, and a policy the manifest sets is kept', () => {
    expect(applied([], '{.spec.containers[0].imagePullPolicy}', 'busybox')).toBe('Always');
    expect(applied([], '{.spec.containers[0].imagePullPolicy}', 'busybox:1.36')).toBe('IfNotPresent');
    expect(applied(['    imagePullPolicy: Never'], '{.spec.containers[0].imagePullPolicy}', 'busybox')).toBe('Never');
  });
});
