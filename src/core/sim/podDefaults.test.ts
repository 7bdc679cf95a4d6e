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

describe('pod template defaults on workloads kubectl creates', () => {
  /** The `template:` block of `-o yaml` (up to the line before `status:` or the next key at its indent). */
  const template = (yaml: string, indent: string) => {
    const lines = yaml.split('\n');
    const from = lines.findIndex((l) => l === `${indent}template:`);
    const to = lines.findIndex((l, i) => i > from && !l.startsWith(`${indent} `) && l !== '');
    return lines.slice(from, to).join('\n');
  };

  it('create deployment: the containers\' and pod spec\'s defaults as the API server stores them (SetDefaults_PodSpec, SetDefaults_Container)', () => {
    const s = Session.start(load('crashloop.yaml'));
    s.run('kubectl create deployment web --image=nginx:1.27 --port=80');
    expect(template(s.run('kubectl get deploy web -o yaml').output, '  ')).toBe(`  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
        - containerPort: 80
          protocol: TCP
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30`);
  });

  it('create job and create cronjob: the same defaults, the restart policy kubectl chose kept', () => {
    const s = Session.start(load('crashloop.yaml'));
    s.run('kubectl create job once --image=busybox');
    s.run("kubectl create cronjob nightly --image=busybox:1.36 --schedule='0 3 * * *'");
    const spec = (yaml: string, indent: string) => template(yaml, indent).split('\n').filter((l) => !/controller-uid|job-name|^\s+(labels|metadata|creationTimestamp)/.test(l)).join('\n');
    expect(spec(s.run('kubectl get job once -o yaml').output, '  ')).toBe(`  template:
    spec:
      containers:
      - image: busybox
        imagePullPolicy: Always
        name: once
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Never
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30`);
    expect(spec(s.run('kubectl get cronjob nightly -o yaml').output, '      ')).toBe(`      template:
        spec:
          containers:
          - image: busybox:1.36
            imagePullPolicy: IfNotPresent
            name: nightly
            resources: {}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
          dnsPolicy: ClusterFirst
          restartPolicy: OnFailure
          schedulerName: default-scheduler
          securityContext: {}
          terminationGracePeriodSeconds: 30`);
  });
});
