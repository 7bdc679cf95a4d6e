import { describe, expect, it } from 'vitest';
import { batchSession } from '../../src/core/testing/batched.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

const CRONJOB = `    - apiVersion: batch/v1
      kind: CronJob
      metadata: { name: nightly, namespace: default, labels: { team: data } }
      spec:
        schedule: "*/5 * * * *"
        startingDeadlineSeconds: 120
        jobTemplate:
          metadata: { labels: { app: report } }
          spec:
            activeDeadlineSeconds: 600
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{ name: report, image: "registry.test/report:1" }]
    - apiVersion: batch/v1
      kind: Job
      metadata: { name: flaky, namespace: default }
      spec:
        backoffLimit: 1
        activeDeadlineSeconds: 300
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: flaky, image: "registry.test/flaky:1" }]`;

/** The simulator's Jobs and CronJobs as the real kubectl 1.33 describes them, through kube-fake-api. */
describe.skipIf(!!noKubectl)(`Jobs and CronJobs described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  for (const [kind, name, when, seconds] of [
    ['cronjobs', 'nightly', 'with an active Job', 310],
    ['cronjobs', 'nightly', 'after its Job completed', 360],
    ['jobs', 'nightly-29453765', 'running, controlled by its CronJob', 310],
    ['jobs', 'nightly-29453765', 'complete: its completion time and duration', 360],
    ['jobs', 'flaky', 'failed at its backoff limit', 310],
  ] as const) {
    it(`${kind} ${name}: ${when}`, () => {
      const s = batchSession(CRONJOB);
      s.run(`sleep ${seconds}`);
      const ours = s.run(`kubectl describe ${kind} ${name}`).output;
      const json = (line: string) => JSON.parse(s.run(line).output) as { items: unknown[] };
      const real = compareWithRealKubectl([...json(`kubectl get ${kind} -o json`).items, ...json('kubectl get events -o json').items], kind, name, 'default', ours, rfc3339(s.now));
      expect(real.stderr).toBe('');
      expect(ours).toMatch(new RegExp(`^Name: +${name}\n`));
      expect(ours).toBe(real.real);
    }, 90_000);
  }
});
