import { describe, expect, it } from 'vitest';
import { batchSession } from '../testing/batched.ts';
import { lastFireBetween, nextFire, parseCron, type CronSchedule } from '../sim/cron.ts';

/** A CronJob `sync` every two minutes whose Job runs `registry.test/<image>:1`, with the given concurrencyPolicy. */
const cron = (policy: string, image = 'slow', extra = '') => `    - apiVersion: batch/v1
      kind: CronJob
      metadata: { name: sync, namespace: default }
      spec:
        schedule: "*/2 * * * *"
        concurrencyPolicy: ${policy}${extra}
        jobTemplate:
          metadata: { labels: { app: sync } }
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{ name: sync, image: "registry.test/${image}:1" }]`;

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('cron schedules (robfig/cron standard parser)', () => {
  it('fires at the next matching minute: steps, ranges, names, descriptors, day-of-month OR day-of-week', () => {
    const next = (spec: string, after: string) => iso(nextFire(parseCron(spec) as CronSchedule, at(after)));
    expect(next('*/15 * * * *', '2026-01-01T00:14:59Z')).toBe('2026-01-01T00:15:00.000Z');
    expect(next('0 3 * * mon-fri', '2026-01-02T03:00:00Z')).toBe('2026-01-05T03:00:00.000Z'); // Friday → Monday
    expect(next('@monthly', '2026-01-15T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z'); // a Friday, or the 13th
    expect(next('30 9 1-7/3 JAN *', '2026-01-02T00:00:00Z')).toBe('2026-01-04T09:30:00.000Z');
    expect(nextFire(parseCron('0 0 30 2 *') as CronSchedule, at('2026-01-01T00:00:00Z'))).toBe(Infinity);
  });

  it('reads the schedule on the wall clock of spec.timeZone, across daylight-saving changes', () => {
    const next = (spec: string, after: string, zone: string) => iso(nextFire(parseCron(spec) as CronSchedule, at(after), zone));
    expect(next('0 3 * * *', '2026-01-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-01-01T02:00:00.000Z'); // CET, UTC+1
    expect(next('0 3 * * *', '2026-07-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T01:00:00.000Z'); // CEST, UTC+2
    expect(next('0 9 * * mon', '2026-01-01T00:00:00Z', 'America/New_York')).toBe('2026-01-05T14:00:00.000Z');
    expect(next('30 5 * * *', '2026-01-01T00:00:00Z', 'Asia/Kolkata')).toBe('2026-01-02T00:00:00.000Z'); // IST, UTC+5:30: 05:30 on 1 January was midnight UTC, not after it
    // 29 March 2026: Berlin skips 02:00-03:00; a 02:30 run fires at 03:30 CEST (01:30 UTC), as Go's time.Date normalises it.
    expect(next('30 2 * * *', '2026-03-29T00:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(next('30 2 * * *', '2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-30T00:30:00.000Z');
    expect(nextFire(parseCron('* * * * *') as CronSchedule, 0, 'Mars/Olympus_Mons')).toBe(Infinity);
  });

  it('counts missed runs and keeps only the most recent, even past 100', () => {
    const every = parseCron('* * * * *') as CronSchedule;
    expect(lastFireBetween(every, at('2026-01-01T00:00:00Z'), at('2026-01-01T00:03:30Z'))).toEqual({ at: at('2026-01-01T00:03:00Z'), missed: 3 });
    expect(lastFireBetween(every, at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:30Z'))).toEqual({ at: at('2026-01-02T00:00:00Z'), missed: 101 });
  });

  it('refuses what robfig/cron refuses, in its words', () => {
    expect(parseCron('* * *')).toBe('expected exactly 5 fields, found 3: [* * *]');
    expect(parseCron('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(parseCron('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(parseCron('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(parseCron('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(parseCron('@often')).toBe('unrecognized descriptor: @often');
  });
});

describe('CronJob controller', () => {
  it('creates a Job per schedule, reports finished ones and keeps three successful Jobs', () => {
    const s = batchSession(cron('Allow', 'report'));
    expect(s.run('kubectl get cj').output).toBe(
      'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'sync   */2 * * * *   <none>     False     0        <none>          0s\n');
    s.run('sleep 600');
    expect(s.run('kubectl get cj,jobs').output).toBe(
      'NAME                 SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'cronjob.batch/sync   */2 * * * *   <none>     False     1        0s              10m\n\n' +
      'NAME                      STATUS     COMPLETIONS   DURATION   AGE\n' +
      'job.batch/sync-29453764   Complete   1/1           32s        6m\n' +
      'job.batch/sync-29453766   Complete   1/1           32s        4m\n' +
      'job.batch/sync-29453768   Complete   1/1           32s        2m\n' +
      'job.batch/sync-29453770   Running    0/1           0s         0s\n');
    expect(s.run('kubectl get job sync-29453770 -o jsonpath={.metadata.annotations}').output).toBe('{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2026-01-01T00:10:00Z"}');
    expect(s.run('kubectl get cj sync -o jsonpath={.status.lastSuccessfulTime}').output).toBe('2026-01-01T00:08:32Z');
    expect(s.run('kubectl describe cj sync | grep -E "SuccessfulDelete|Active Jobs"').output).toBe(
      'Active Jobs:         sync-29453770\n' +
      '  Normal  SuccessfulDelete  88s    cronjob-controller  Deleted job sync-29453762\n');
  });

  it('Forbid skips a run while a Job is active, then starts the missed run once it finishes', () => {
    const s = batchSession(cron('Forbid'));
    s.run('sleep 240');
    expect(s.run('kubectl describe cj sync | tail -6').output).toBe(
      'Active Jobs:         sync-29453762\n' +
      'Events:\n' +
      '  Type    Reason            Age   From                Message\n' +
      '  ----    ------            ----  ----                -------\n' +
      '  Normal  SuccessfulCreate  2m    cronjob-controller  Created job sync-29453762\n' +
      '  Normal  JobAlreadyActive  0s    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid\n');
    s.run('sleep 63');
    expect(s.run('kubectl get cj,jobs').output).toBe(
      'NAME                 SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'cronjob.batch/sync   */2 * * * *   <none>     False     1        63s             5m3s\n\n' +
      'NAME                      STATUS     COMPLETIONS   DURATION   AGE\n' +
      'job.batch/sync-29453762   Complete   1/1           3m2s       3m3s\n' +
      'job.batch/sync-29453764   Running    0/1           1s         1s\n');
  });

  it('Replace deletes the active Job (and its pod) before starting the next', () => {
    const s = batchSession(cron('Replace'));
    s.run('sleep 240');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME                      STATUS    COMPLETIONS   DURATION   AGE\n' +
      'job.batch/sync-29453764   Running   0/1           0s         0s\n\n' +
      'NAME                      READY   STATUS              RESTARTS   AGE\n' +
      'pod/sync-29453762-6cpts   1/1     Terminating         0          2m\n' +
      'pod/sync-29453764-hjv5t   0/1     ContainerCreating   0          0s\n');
    expect(s.run('kubectl describe cj sync | grep Normal').output).toBe(
      '  Normal  SuccessfulCreate  2m    cronjob-controller  Created job sync-29453762\n' +
      '  Normal  SuccessfulCreate  0s    cronjob-controller  Created job sync-29453764\n' +
      '  Normal  SuccessfulDelete  0s    cronjob-controller  Deleted job sync-29453762\n');
  });

  it('a suspended CronJob starts nothing; kubectl create job --from=cronjob runs its template by hand', () => {
    const s = batchSession(cron('Allow', 'report', '\n        suspend: true'));
    s.run('sleep 300');
    expect(s.run('kubectl get cj,jobs').output).toBe(
      'NAME                 SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'cronjob.batch/sync   */2 * * * *   <none>     True      0        <none>          5m\n');
    expect(s.run('kubectl create job by-hand --from=cronjob/sync').output).toBe('job.batch/by-hand created\n');
    const uid = s.run('kubectl get cj sync -o jsonpath={.metadata.uid}').output;
    expect(s.run('kubectl get job by-hand -o jsonpath={.metadata.ownerReferences}').output).toBe(`[{"apiVersion":"batch/v1","kind":"CronJob","name":"sync","uid":"${uid}"}]`);
    expect(s.run('kubectl get job by-hand -o jsonpath={.metadata.annotations}').output).toBe('{"cronjob.kubernetes.io/instantiate":"manual"}');
    expect(s.run('kubectl create job again --from=cronjob/sync -- date').output).toBe('error: cannot specify --from and command\n');
    expect(s.run('kubectl create job again --from=deployment/sync').output).toBe('Error from server (NotFound): deployments.apps "sync" not found\n');
    s.run('sleep 40');
    expect(s.run('kubectl get jobs').output).toBe('NAME      STATUS     COMPLETIONS   DURATION   AGE\nby-hand   Complete   1/1           32s        40s\n');
  });

  it('kubectl create cronjob: the generator\'s object, and the API server\'s schedule validation', () => {
    const s = batchSession('    []');
    expect(s.run('kubectl create cronjob nightly --image=registry.test/report:1 --schedule="0 3 * * mon-fri" -- /report').output).toBe('cronjob.batch/nightly created\n');
    expect(s.run('kubectl get cj nightly -o jsonpath={.spec}').output).toBe(
      '{"concurrencyPolicy":"Allow","failedJobsHistoryLimit":1,"jobTemplate":{"metadata":{"creationTimestamp":null,"name":"nightly"},' +
      '"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"command":["/report"],"image":"registry.test/report:1","imagePullPolicy":"IfNotPresent","name":"nightly",' +
      '"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"OnFailure","schedulerName":"default-scheduler",' +
      '"securityContext":{},"terminationGracePeriodSeconds":30}}}},"schedule":"0 3 * * mon-fri","successfulJobsHistoryLimit":3,"suspend":false}');
    expect(s.run('kubectl create cronjob bad --image=x --schedule="61 * * * *"').output).toBe(
      'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n');
    expect(s.run('kubectl create cronjob bad --image=x').output).toBe('error: --schedule must be specified\n');
    expect(s.run('kubectl create cronjob bad --schedule="* * * * *"').output).toBe('error: --image must be specified\n');
    expect(s.run('kubectl create cronjob bad --image=x --schedule="* * * * *" --restart=Always').output).toBe(
      'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n');
  });

  it('spec.timeZone: the Job starts at 05:35 in Kolkata (00:05 UTC), and get shows the zone', () => {
    const s = batchSession(`    - apiVersion: batch/v1
      kind: CronJob
      metadata: { name: ledger, namespace: default }
      spec:
        schedule: "35 5 * * *"
        timeZone: Asia/Kolkata
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{ name: ledger, image: "registry.test/report:1" }]`);
    expect(s.run('kubectl get cronjob ledger').output).toBe(
      'NAME     SCHEDULE     TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'ledger   35 5 * * *   Asia/Kolkata   False     0        <none>          0s\n');
    s.run('sleep 4m');
    expect(s.run('kubectl get jobs').output).toBe('No resources found in default namespace.\n');
    s.run('sleep 90');
    expect(s.run("kubectl get jobs -o custom-columns='NAME:.metadata.name,SCHEDULED:.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp'").output)
      .toBe('NAME              SCHEDULED\nledger-29453765   2026-01-01T00:05:00Z\n');
    expect(s.run('kubectl get cronjob ledger --no-headers').output).toBe('ledger   35 5 * * *   Asia/Kolkata   False   1     30s   5m30s\n');
  });
});
