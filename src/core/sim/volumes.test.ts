import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';

/** The `pending` scenario's cluster: a quota and a LimitRange in `risk`, a claim with no class in `ml`. */
function pending(): Session {
  const parsed = parseScenario('scenarios/pending.yaml', readFileSync('scenarios/pending.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const firstPod = (s: Session, ns: string, grep: string) => s.run(`kubectl get pods -n ${ns} --no-headers | grep ${grep} | head -1 | awk '{print $1}'`).output.trim();

describe('scheduling filters, quota and LimitRange admission (pending scenario)', () => {
  it('the staging affinity and the batch taint: every node refused, in kube-scheduler 1.31 words', () => {
    const s = pending();
    expect(s.run(`kubectl get pod -n risk ${firstPod(s, 'risk', 'fraud')} -o jsonpath={.status.conditions[0].message}`).output).toBe(
      "0/12 nodes are available: 4 node(s) had untolerated taint {dedicated: batch}, 8 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.");
  });

  it('the quota refuses the third pod while Pending pods still count against it; kubectl prints used/hard', () => {
    const s = pending();
    expect(s.run('kubectl get events -n risk --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').output).toMatch(
      /^Error creating: pods "fraud-scorer-\w+-\w+" is forbidden: exceeded quota: risk-compute, requested: requests\.cpu=2, used: requests\.cpu=7500m, limited: requests\.cpu=8$/);
    expect(s.run('kubectl get quota -n risk').output).toBe(
      'NAME           AGE   REQUEST                                                            LIMIT\n' +
      'risk-compute   63d   pods: 7/20, requests.cpu: 7500m/8, requests.memory: 14848Mi/20Gi   \n');
    expect(s.run('kubectl describe quota risk-compute -n risk').output).toBe(
      'Name:            risk-compute\nNamespace:       risk\nResource         Used     Hard\n--------         ----     ----\n' +
      'pods             7        20\nrequests.cpu     7500m    8\nrequests.memory  14848Mi  20Gi\n');
  });

  it('LimitRanger fills in what a container does not set, and says so on the pod', () => {
    const s = pending();
    const pod = firstPod(s, 'risk', 'risk-api');
    expect(s.run(`kubectl get pod -n risk ${pod} -o jsonpath={.spec.containers[0].resources}`).output).toBe('{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"250m","memory":"256Mi"}}');
    expect(s.run(`kubectl get pod -n risk ${pod} -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'`).output).toBe(
      'LimitRanger plugin set: cpu, memory request for container risk-api; cpu, memory limit for container risk-api');
  });

  it('fixing the affinity reveals the next filter: requests, not usage, leave no room on the general pool', () => {
    const s = pending();
    s.run(`kubectl patch deployment fraud-scorer -n risk -p '{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"env","operator":"In","values":["production"]}]}]}}}}}}}'`);
    s.run('sleep 10');
    const fresh = s.run("kubectl get pods -n risk --no-headers | grep fraud | grep -v ' 38m' | awk '{print $1}'").output.trim();
    expect(s.run(`kubectl get pod -n risk ${fresh} -o jsonpath={.status.conditions[0].message}`).output).toBe(
      '0/12 nodes are available: 4 node(s) had untolerated taint {dedicated: batch}, 8 Insufficient cpu. preemption: 0/12 nodes are available: 4 Preemption is not helpful for scheduling, 8 No preemption victims found for incoming pod.');
  });

  it('requests sized to real use fit: the rollout completes and the quota frees up', () => {
    const s = pending();
    s.run("kubectl patch deployment fraud-scorer -n risk --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/template/spec/affinity\"}]'");
    s.run('kubectl set resources deployment fraud-scorer -n risk --requests=cpu=300m,memory=1Gi --limits=cpu=1,memory=1Gi');
    s.run('sleep 30');
    expect(s.run('kubectl rollout status deployment/fraud-scorer -n risk').output).toBe('deployment "fraud-scorer" successfully rolled out\n');
    expect(s.run('kubectl get deploy fraud-scorer -n risk --no-headers').output).toMatch(/^fraud-scorer +4\/4 +4 +4 +38m\n$/);
    expect(s.run('kubectl get quota -n risk --no-headers').output).toBe('risk-compute   63d   pods: 8/20, requests.cpu: 2700m/8, requests.memory: 6656Mi/20Gi   \n');
  });
});

describe('the PV controller and delayed binding (pending scenario)', () => {
  it('a claim with no class and no default class waits, and says so every resync', () => {
    const s = pending();
    expect(s.run('kubectl get pvc -n ml').output).toBe(
      'NAME               STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
      'model-store-data   Pending                                                     <unset>                 26m\n');
    expect(s.run('kubectl describe pvc model-store-data -n ml | tail -1').output).toBe(
      '  Normal  FailedBinding  0s (x105 over 26m)  persistentvolume-controller  no persistent volumes available for this claim and no storage class is set\n');
    expect(s.run(`kubectl get pod -n ml ${firstPod(s, 'ml', 'model-store')} -o jsonpath={.status.conditions[0].message}`).output).toBe(
      '0/12 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.');
  });

  it('marking a class default assigns it to the claim; WaitForFirstConsumer provisions in the chosen node\'s zone and the pod runs', () => {
    const s = pending();
    expect(s.run('kubectl annotate storageclass gp3 storageclass.kubernetes.io/is-default-class=true').output).toBe('storageclass.storage.k8s.io/gp3 annotated\n');
    s.run('sleep 10');
    expect(s.run('kubectl get sc').output).toBe(
      'NAME            PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
      'gp2             kubernetes.io/aws-ebs   Delete          WaitForFirstConsumer   false                  63d\n' +
      'gp3 (default)   ebs.csi.aws.com         Delete          WaitForFirstConsumer   true                   3h\n');
    const node = s.run('kubectl get pods -n ml -o jsonpath={.items[0].spec.nodeName}').output;
    const zone = s.run(`kubectl get node ${node} -o jsonpath='{.metadata.labels.topology\\.kubernetes\\.io/zone}'`).output;
    expect(s.run('kubectl get pvc model-store-data -n ml --no-headers').output).toMatch(/^model-store-data +Bound +pvc-[0-9a-f-]{36} +20Gi +RWO +gp3 +<unset> +26m\n$/);
    expect(s.run('kubectl get pv -o jsonpath={.items[0].spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}').output).toBe(zone);
    expect(s.run('kubectl get pods -n ml --no-headers').output).toMatch(/^model-store-\w+-\w+ +1\/1 +Running +0 +26m\n$/);
  });
});
