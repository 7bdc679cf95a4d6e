import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../base64.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';

function start(): Session {
  const parsed = parseScenario('scenarios/crashloop.yaml', readFileSync('scenarios/crashloop.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const podLines = (s: Session) => s.run('kubectl get pods -n identity -l app=auth-service --no-headers').output.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(1, 3).join(' '));

describe('bad-config fault and the config objects it reads (crashloop scenario)', () => {
  it('the history leaves a stuck rollout: two new pods exit 1 on the missing key, three old ones serve', () => {
    const s = start();
    expect(podLines(s)).toEqual(['0/1 CrashLoopBackOff', '0/1 CrashLoopBackOff', '1/1 Running', '1/1 Running', '1/1 Running']);
    expect(s.run('kubectl logs auth-service-5c99dffc8d-4mcsc -n identity --previous | tail -1').output)
      .toBe('{"level":"fatal","ts":"2026-05-16T19:36:29Z","caller":"config/load.go:88","msg":"invalid configuration","error":"required key DATABASE_URL is missing or empty"}\n');
  });

  it('re-evaluates at every start: fixing the ConfigMap and restarting heals the pods', () => {
    const s = start();
    expect(s.run(`kubectl patch cm auth-service-config-v2 -n identity --type merge -p '{"data":{"DATABASE_URL":"postgres://db","REDIS_ADDR":"redis-master.data.svc.cluster.local:6379"}}'`).output)
      .toBe('configmap/auth-service-config-v2 patched\n');
    s.run('kubectl rollout restart deployment/auth-service -n identity');
    s.run('sleep 60');
    expect(podLines(s)).toEqual(['1/1 Running', '1/1 Running', '1/1 Running', '1/1 Running']);
    s.run('sleep 600');
    expect(s.run('kubectl get pods -n identity -l app=auth-service -o jsonpath={.items[*].status.containerStatuses[0].restartCount}').output).toBe('0 0 0 0');
  });

  it('a missing key reference leaves the container in CreateContainerConfigError until it resolves', () => {
    const s = start();
    s.run(`kubectl patch deployment auth-service -n identity -p '{"spec":{"template":{"spec":{"containers":[{"name":"auth-service","env":[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"auth-db-credentials","key":"password"}}}]}]}}}}'`);
    s.run('sleep 15');
    const out = s.run('kubectl get pods -n identity --sort-by=.metadata.creationTimestamp --no-headers | tail -1').output;
    expect(out).toMatch(/^auth-service-\w+-\w+\s+0\/1\s+CreateContainerConfigError\s+0\s+15s\n$/);
    const pod = out.split(/\s+/)[0];
    expect(s.run(`kubectl describe pod ${pod} -n identity | grep -A2 'State:'`).output).toBe("    State:          Waiting\n      Reason:       CreateContainerConfigError\n    Ready:          False\n");
    expect(s.run(`kubectl get events -n identity --field-selector involvedObject.name=${pod},reason=Failed -o jsonpath={.items[0].message}`).output)
      .toBe("Error: couldn't find key password in Secret identity/auth-db-credentials");
    s.run(`kubectl patch secret auth-db-credentials -n identity -p '{"stringData":{"password":"s3cret"}}'`);
    expect(s.run('kubectl get secret auth-db-credentials -n identity -o jsonpath={.data.password}').output).toBe('czNjcmV0');
  });

  it('prints configmaps and secrets as kubectl does, secret values hidden', () => {
    const s = start();
    expect(s.run('kubectl get cm,secret -n identity').output).toBe(
      'NAME                               DATA   AGE\nconfigmap/auth-service-config      4      61d\nconfigmap/auth-service-config-v2   5      26m\nconfigmap/kube-root-ca.crt         1      61d\n\nNAME                         TYPE     DATA   AGE\nsecret/auth-db-credentials   Opaque   2      61d\n');
    expect(s.run('kubectl describe secret auth-db-credentials -n identity').output).toBe(
      'Name:         auth-db-credentials\nNamespace:    identity\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\nDB_PASSWORD:  24 bytes\nDB_USER:      8 bytes\n');
    expect(s.run('kubectl describe cm auth-service-config -n identity').output).toBe(
      'Name:         auth-service-config\nNamespace:    identity\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nDATABASE_URL:\n----\npostgres://auth-db.identity.svc.cluster.local:5432/auth?sslmode=require\n\nLOG_LEVEL:\n----\ninfo\n\nREDIS_ADDR:\n----\nredis-master.data.svc.cluster.local:6379\n\nTOKEN_TTL:\n----\n15m\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    expect(s.run('kubectl get secret auth-db-credentials -n identity -o jsonpath={.data.DB_USER}').output).toBe('YXV0aF9zdmM=');
    expect(s.run('kubectl get svc -n data').output).toBe('NAME           TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE\nredis-master   ClusterIP   10.96.142.17   <none>        6379/TCP   61d\n');
    expect(s.run('kubectl describe cm nope -n identity').output).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(s.run('kubectl patch secret nope -n identity -p {}').output).toBe('Error from server (NotFound): secrets "nope" not found\n');
  });

  it('exec into the distroless app fails with the runtime error', () => {
    const s = start();
    expect(s.run('kubectl exec -it auth-service-8d8964df7-5xdzq -n identity -- /bin/sh').output)
      .toMatch(/^error: Internal error occurred: .*OCI runtime exec failed: exec failed: unable to start container process: exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory: unknown\n$/);
    expect(s.run('kubectl exec -it auth-service-5c99dffc8d-4mcsc -n identity -- /bin/sh').output).toBe('error: unable to upgrade connection: container not found ("auth-service")\n');
  });

  it('base64 round-trips UTF-8 as Secrets store it', () => {
    expect(encodeBase64('hunter2')).toBe('aHVudGVyMg==');
    expect(encodeBase64('päss')).toBe('cMOkc3M=');
    expect(decodeBase64('cMOkc3M=')).toBe('päss');
    expect(decodeBase64('not base64!')).toBeUndefined();
  });
});
