import { describe, expect, it } from 'vitest';
import { batchSession } from '../testing/batched.ts';

/** A Job manifest named `name` with extra spec lines, running the test image `registry.test/<image>:1`. */
const job = (name: string, spec: string, image: 'report' | 'flaky', restart = 'Never') => `    - apiVersion: batch/v1
      kind: Job
      metadata: { name: ${name}, namespace: default }
      spec:
${spec}
        template:
          spec:
            restartPolicy: ${restart}
            containers: [{ name: ${name}, image: "registry.test/${image}:1" }]`;

describe('Job controller', () => {
  it('runs completions one after another with parallelism 1: STATUS, COMPLETIONS and DURATION as kube-apiserver prints them', () => {
    const s = batchSession(job('report', '        completions: 2', 'report'));
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME               STATUS    COMPLETIONS   DURATION   AGE\n' +
      'job.batch/report   Running   0/2           0s         0s\n\n' +
      'NAME               READY   STATUS              RESTARTS   AGE\n' +
      'pod/report-8gm6p   0/1     ContainerCreating   0          0s\n');
    s.run('sleep 40');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME               STATUS    COMPLETIONS   DURATION   AGE\n' +
      'job.batch/report   Running   1/2           40s        40s\n\n' +
      'NAME               READY   STATUS      RESTARTS   AGE\n' +
      'pod/report-8gm6p   0/1     Completed   0          40s\n' +
      'pod/report-z9knf   1/1     Running     0          8s\n');
    s.run('sleep 60');
    expect(s.run('kubectl get jobs -o wide').output).toBe(
      'NAME     STATUS     COMPLETIONS   DURATION   AGE    CONTAINERS   IMAGES                   SELECTOR\n' +
      `report   Complete   2/2           64s        100s   report       registry.test/report:1   batch.kubernetes.io/controller-uid=${s.run('kubectl get job report -o jsonpath={.metadata.uid}').output}\n`);
    expect(s.run('kubectl get job report -o jsonpath={.status.conditions[*].type}').output).toBe('SuccessCriteriaMet Complete');
    expect(s.run('kubectl describe job report | tail -6').output).toBe(
      'Events:\n' +
      '  Type    Reason            Age   From            Message\n' +
      '  ----    ------            ----  ----            -------\n' +
      '  Normal  SuccessfulCreate  100s  job-controller  Created pod: report-8gm6p\n' +
      '  Normal  SuccessfulCreate  68s   job-controller  Created pod: report-z9knf\n' +
      '  Normal  Completed         36s   job-controller  Job completed\n');
  });

  it('backs off 10 s, then 20 s between failed pods, and fails with BackoffLimitExceeded past backoffLimit', () => {
    const s = batchSession(job('flaky', '        backoffLimit: 2', 'flaky'));
    s.run('sleep 60');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME              STATUS   COMPLETIONS   DURATION   AGE\n' +
      'job.batch/flaky   Failed   0/1           60s        60s\n\n' +
      'NAME              READY   STATUS   RESTARTS   AGE\n' +
      'pod/flaky-5dcqc   0/1     Error    0          16s\n' +
      'pod/flaky-8gm6p   0/1     Error    0          60s\n' +
      'pod/flaky-z9knf   0/1     Error    0          43s\n');
    expect(s.run('kubectl describe job flaky | grep -A8 "^Pods Statuses\\|^Events"').output).toBe(
      'Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed\n' +
      'Pod Template:\n' +
      '  Labels:  batch.kubernetes.io/controller-uid=' + s.run('kubectl get job flaky -o jsonpath={.metadata.uid}').output + '\n' +
      '           batch.kubernetes.io/job-name=flaky\n' +
      `           controller-uid=${s.run('kubectl get job flaky -o jsonpath={.metadata.uid}').output}\n` +
      '           job-name=flaky\n' +
      '  Containers:\n' +
      '   flaky:\n' +
      '    Image:         registry.test/flaky:1\n' +
      '--\n' +
      'Events:\n' +
      '  Type     Reason                Age   From            Message\n' +
      '  ----     ------                ----  ----            -------\n' +
      '  Normal   SuccessfulCreate      60s   job-controller  Created pod: flaky-8gm6p\n' +
      '  Normal   SuccessfulCreate      43s   job-controller  Created pod: flaky-z9knf\n' +
      '  Normal   SuccessfulCreate      16s   job-controller  Created pod: flaky-5dcqc\n' +
      '  Warning  BackoffLimitExceeded  9s    job-controller  Job has reached the specified backoff limit\n');
  });

  it('counts container restarts against backoffLimit under restartPolicy OnFailure, then deletes the pod', () => {
    const s = batchSession(job('retry', '        backoffLimit: 2', 'flaky', 'OnFailure'));
    s.run('sleep 41');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME              STATUS    COMPLETIONS   DURATION   AGE\n' +
      'job.batch/retry   Running   0/1           41s        41s\n\n' +
      'NAME              READY   STATUS             RESTARTS      AGE\n' +
      'pod/retry-8gm6p   0/1     CrashLoopBackOff   1 (19s ago)   41s\n');
    s.run('sleep 19');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME              STATUS   COMPLETIONS   DURATION   AGE\n' +
      'job.batch/retry   Failed   0/1           60s        60s\n');
    expect(s.run('kubectl get job retry -o jsonpath={.status}').output).toBe(
      '{"conditions":[{"lastProbeTime":"2026-01-01T00:00:42Z","lastTransitionTime":"2026-01-01T00:00:42Z","message":"Job has reached the specified backoff limit",' +
      '"reason":"BackoffLimitExceeded","status":"True","type":"FailureTarget"},{"lastProbeTime":"2026-01-01T00:00:44Z","lastTransitionTime":"2026-01-01T00:00:44Z",' +
      '"message":"Job has reached the specified backoff limit","reason":"BackoffLimitExceeded","status":"True","type":"Failed"}],"failed":1,"ready":0,' +
      '"startTime":"2026-01-01T00:00:00Z","terminating":0,"uncountedTerminatedPods":{}}');
  });

  it('stops a Job active past activeDeadlineSeconds: FailureTarget while its pod terminates, then Failed (DeadlineExceeded)', () => {
    const s = batchSession(job('deadline', '        activeDeadlineSeconds: 10', 'report'));
    s.run('sleep 10');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME                 STATUS          COMPLETIONS   DURATION   AGE\n' +
      'job.batch/deadline   FailureTarget   0/1           10s        10s\n\n' +
      'NAME                 READY   STATUS        RESTARTS   AGE\n' +
      'pod/deadline-8gm6p   1/1     Terminating   0          10s\n');
    s.run('sleep 2');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME                 STATUS   COMPLETIONS   DURATION   AGE\n' +
      'job.batch/deadline   Failed   0/1           12s        12s\n');
    expect(s.run('kubectl describe job deadline | tail -3').output).toBe(
      '  ----     ------            ----  ----            -------\n' +
      '  Normal   SuccessfulCreate  12s   job-controller  Created pod: deadline-8gm6p\n' +
      '  Warning  DeadlineExceeded  0s    job-controller  Job was active longer than specified deadline\n');
  });

  it('keeps parallelism pods running, never more than the completions left; deleting the Job takes its pods', () => {
    const s = batchSession(job('fanout', '        completions: 5\n        parallelism: 3', 'report'));
    s.run('sleep 35');
    expect(s.run('kubectl get jobs,pods').output).toBe(
      'NAME               STATUS    COMPLETIONS   DURATION   AGE\n' +
      'job.batch/fanout   Running   3/5           35s        35s\n\n' +
      'NAME               READY   STATUS      RESTARTS   AGE\n' +
      'pod/fanout-7nmj5   0/1     Completed   0          35s\n' +
      'pod/fanout-8gm6p   0/1     Completed   0          35s\n' +
      'pod/fanout-gt8l8   0/1     Completed   0          35s\n' +
      'pod/fanout-m8w6f   1/1     Running     0          3s\n' +
      'pod/fanout-ntq6s   1/1     Running     0          3s\n');
    expect(s.run('kubectl get pods -l job-name=fanout,batch.kubernetes.io/job-name=fanout -o jsonpath={.items[*].metadata.finalizers}').output).toBe('["batch.kubernetes.io/job-tracking"] ["batch.kubernetes.io/job-tracking"]');
    s.run('sleep 40');
    expect(s.run('kubectl get jobs').output).toBe('NAME     STATUS     COMPLETIONS   DURATION   AGE\nfanout   Complete   5/5           64s        75s\n');
    expect(s.run('kubectl delete job fanout').output).toBe('job.batch "fanout" deleted\n');
    expect(s.run('kubectl get pods').output).toBe('No resources found in default namespace.\n');
  });

  it('kubectl create job: a one-container Job with restartPolicy Never, and the generator\'s errors', () => {
    const s = batchSession('    []');
    expect(s.run('kubectl create job once --image=registry.test/report:1 -- /report --full').output).toBe('job.batch/once created\n');
    expect(s.run('kubectl get job once -o jsonpath={.spec.template.spec}').output).toBe('{"containers":[{"command":["/report","--full"],"image":"registry.test/report:1","imagePullPolicy":"IfNotPresent","name":"once","resources":{},'
      + '"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Never","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}');
    expect(s.run('kubectl create job once --image=registry.test/report:1').output).toBe('error: failed to create job: jobs.batch "once" already exists\n');
    expect(s.run('kubectl create job twice').output).toBe('error: either --image or --from must be specified\n');
    expect(s.run('kubectl create job twice --image=x --from=cronjob/y').output).toBe('error: either --image or --from must be specified\n');
    expect(s.run('kubectl create job twice --from=cronjob/nightly').output).toBe('Error from server (NotFound): cronjobs.batch "nightly" not found\n');
    expect(s.run('kubectl create job Bad --image=x').output).toMatch(/^error: failed to create job: Job\.batch "Bad" is invalid: metadata\.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain/);
    expect(s.run('kubectl create job twice --image=registry.test/report:1 --dry-run=client -o yaml').output).toBe(
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: twice\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - image: registry.test/report:1\n        name: twice\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n');
  });
});

describe('Indexed Jobs and pod failure policies', () => {
  it('completionMode Indexed: one pod per index named <job>-<index>-xxxxx, the index label, Completed Indexes in describe', () => {
    const s = batchSession(job('shard', '        completions: 3\n        parallelism: 2\n        completionMode: Indexed', 'report'));
    s.run('sleep 5');
    expect(s.run(`kubectl get pods -o custom-columns='NAME:.metadata.name,INDEX:.metadata.labels.batch\\.kubernetes\\.io/job-completion-index,HOST:.spec.hostname' --no-headers`).output)
      .toMatch(/^shard-0-[a-z0-9]{5} +0 +shard-0\nshard-1-[a-z0-9]{5} +1 +shard-1\n$/);
    s.run('sleep 30');
    expect(s.run('kubectl describe job shard | grep -e "^Pods Statuses" -e "^Completed Indexes"').output).toBe('Pods Statuses:      1 Active (1 Ready) / 2 Succeeded / 0 Failed\nCompleted Indexes:  0,1\n');
    expect(s.run('kubectl get pods --no-headers | grep Running').output).toMatch(/^shard-2-[a-z0-9]{5} +1\/1 +Running +0 +\d+s\n$/);
    s.run('sleep 35');
    expect(s.run(`kubectl get job shard -o jsonpath='{.status.completedIndexes} {.status.succeeded}'`).output).toBe('0-2 3');
    expect(s.run('kubectl get job shard --no-headers').output).toMatch(/^shard +Complete +3\/3 /);
  });

  it('podFailurePolicy FailJob on an exit code fails the Job at the first such failure, with the rule in the reason', () => {
    const s = batchSession(job('strict', '        podFailurePolicy:\n          rules: [{ action: FailJob, onExitCodes: { operator: In, values: [1] } }]', 'flaky'));
    s.run('sleep 10');
    const pod = s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
    expect(s.run('kubectl get job strict --no-headers').output).toMatch(/^strict +Failed +0\/1 /);
    expect(s.run(`kubectl get job strict -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}'`).output).toBe('PodFailurePolicy');
    expect(s.run('kubectl get events --field-selector involvedObject.kind=Job -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers | grep PodFailurePolicy').output)
      .toBe(`PodFailurePolicy   Container strict for pod default/${pod} failed with exit code 1 matching FailJob rule at index 0\n`);
  });

  it('podFailurePolicy Ignore on DisruptionTarget: a pod evicted by a drain is not counted against backoffLimit 0', () => {
    const s = batchSession(job('patient', '        backoffLimit: 0\n        podFailurePolicy:\n          rules: [{ action: Ignore, onPodConditions: [{ type: DisruptionTarget }] }]', 'report').replace('registry.test/report:1', 'registry.test/slow:1'));
    s.run('sleep 5');
    s.run('kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --force');
    s.run('sleep 40');
    expect(s.run('kubectl get job patient -o jsonpath={.status.failed}/{.status.active}').output).toBe('/1');
    expect(s.run('kubectl get job patient --no-headers').output).toMatch(/^patient +Running +0\/1 /);
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^patient-[a-z0-9]{5} +0\/1 +Pending +0 +\d+s\n$/);
  });
});
