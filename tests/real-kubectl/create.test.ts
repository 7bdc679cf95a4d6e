/**
 * `kubectl create` generators (deployment, service *, serviceaccount, …) against the real kubectl
 * 1.33 on the same lines: whole `--help`, the request `--dry-run=client` prints in every format,
 * and the generators' own errors, stdout and stderr together with the exit status. These lines
 * never reach an API server, so the real binary runs without a kubeconfig.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKubectl133, startFakeApi, whyNoRealKubectl } from './compare.ts';
import { manifestSession } from '../../src/core/testing/tinyScenario.ts';
import { splitWords } from '../../src/core/commands/kubectl/testing.ts';

const kubectl = findKubectl133();
const noFakeApi = whyNoRealKubectl();

const HELP = ['create deployment --help', 'create deploy -h', 'create service --help', 'create svc clusterip --help',
  'create service nodeport --help', 'create service loadbalancer --help', 'create service externalname --help', 'create sa --help',
  'create serviceaccount --help', 'create namespace --help', 'create job --help', 'create cronjob --help',
  'create clusterrolebinding --help', 'create role --help', 'create clusterrole --help',
  'create quota --help', 'create resourcequota -h', 'create priorityclass --help', 'create pc -h', 'create ingress --help', 'create ing -h', 'auth --help', 'auth reconcile --help', 'create --help', 'create -h',
  'create secret tls --help', 'create secret --help', 'create secret generic --help', 'create secret docker-registry --help'];

const DEPLOYMENT = [
  'create deployment x --image=nginx --dry-run=client -o yaml',
  'create deploy x --image=nginx --image=busybox:1.36 --port=80 -r 3 --dry-run=client -o yaml',
  'create deployment x --image=busybox --dry-run=client -o json -- sleep 10',
  'create deployment x --image=nginx -n prod --dry-run=client -o yaml',
  'create deployment x --image=registry.k8s.io/pause:3.9 --image=my.reg:5000/a/b@sha256:abc --dry-run=client -o yaml',
  'create deployment X --image=Nginx:Latest --dry-run=client -o yaml',
  'create deployment x --image=a --port=0 --dry-run=client -o yaml', 'create deployment x --image= --dry-run=client -o yaml',
  'create deployment x --image=a,b --dry-run=client -o yaml',
  'create deployment x --image=nginx --dry-run=client', 'create deployment x --image=nginx --dry-run=client -o name',
  'create deployment x --image=nginx --dry-run=client -o jsonpath={.spec.template.spec.containers[0].name}',
  'create deployment x --image=nginx -r -1 --dry-run=client',
  'create deployment x --dry-run=client', 'create deployment --dry-run=client', 'create deployment --image=nginx --dry-run=client',
  'create deployment x y --image=nginx --dry-run=client', 'create deployment x --image=nginx --port=abc',
  'create deployment x --image=nginx --replicas=abc', 'create deployment x --image=a --port=99999999999', 'create deployment x --image=a --port=3000000000',
  'create deployment x --image=nginx -o wide --dry-run=client', 'create deployment x --image=a --image=b --dry-run=client -- sleep 1',
  'create deployment x --image=nginx --dry-run=bogus', 'create deployment x --image=nginx --foo',
];

const SERVICE = [
  'create service clusterip x --tcp=5678:8080 --dry-run=client -o yaml', 'create service clusterip x --clusterip=None --dry-run=client -o yaml',
  'create service clusterip x --clusterip=None --tcp=80 --dry-run=client -o yaml', 'create service clusterip x --tcp=80,81 --dry-run=client -o yaml',
  'create service nodeport x --tcp=80:http,443 --node-port=30080 --dry-run=client -o yaml',
  'create service loadbalancer x --tcp=80:8080 --dry-run=client -o yaml',
  'create service externalname x --external-name=db.example.com --dry-run=client -o yaml',
  'create service clusterip x --tcp=80 --tcp=90 --dry-run=client -o json', 'create service clusterip x --tcp=80 -n prod --dry-run=client -o yaml',
  'create service clusterip x --tcp=80:90:100 --dry-run=client -o yaml', 'create service clusterip x --tcp=80:abc --dry-run=client -o yaml',
  'create service clusterip x --tcp=0 --dry-run=client', 'create service clusterip x --tcp=80 --dry-run=client -o name',
  'create svc clusterip x --dry-run=client -o yaml', 'create service externalname x --dry-run=client',
  'create service externalname x --external-name=Bad_Name --dry-run=client', 'create service clusterip x --tcp=abc --dry-run=client',
  'create service clusterip x --tcp=70000 --dry-run=client', 'create service clusterip x --tcp=80:0 --dry-run=client',
  'create service clusterip x --tcp=80: --dry-run=client', 'create service clusterip x --tcp=:80 --dry-run=client',
  'create service clusterip x --tcp=80:averyveryverylongname --dry-run=client', 'create service clusterip x --tcp=80:a--b --dry-run=client',
  'create service nodeport x --dry-run=client', 'create service loadbalancer x --dry-run=client',
  'create service nodeport x --clusterip=None --dry-run=client', 'create service loadbalancer x --clusterip=None --tcp=80 --dry-run=client',
  'create service nodeport x --tcp=80 --node-port=abc --dry-run=client', 'create service', 'create service foo', 'create service clusterip',
];

const SERVICE_ACCOUNT = [
  'create sa x --dry-run=client -o yaml', 'create sa x --dry-run=client -o json', 'create serviceaccount x -n prod --dry-run=client -o yaml',
  'create serviceaccount x --dry-run=client', 'create sa --dry-run=client', 'create sa x y --dry-run=client', 'create sa x --image=foo',
];

const QUOTA = [
  'create quota q --hard=cpu=abc --dry-run=client -o yaml',
  'create quota q --hard=cpu --dry-run=client -o yaml',
  'create quota q --hard=cpu=1=2 --dry-run=client -o yaml',
  'create quota q --hard=cpu=1000m,memory=1024Mi,requests.storage=0.5 --dry-run=client -o yaml',
  'create quota q --hard=cpu=1,memory=1G,pods=2 --scopes=BestEffort,NotTerminating --dry-run=client -o json',
  'create quota q --scopes=BestEffort, --dry-run=client -o yaml',
  'create quota q --scopes=Foo --dry-run=client -o yaml',
  'create quota q --dry-run=client -o yaml',
  'create quota q -n prod --hard= --dry-run=client -o json',
  'create resourcequota q --hard=pods=1 --dry-run=client',
  'create quota --hard=pods=1 --dry-run=client',
  'create quota q --hard=pods=1 --dry-run=client -o name',
  'create quota q --hard=pods=,cpu=1 --dry-run=client -o yaml',
  'create quota q --hard=cpu=1Z --dry-run=client -o yaml',
  'create quota q r --hard=cpu=1 --dry-run=client -o yaml',
  'create quota q --hard=count/deployments.apps=2,requests.nvidia.com/gpu=1 --dry-run=client -o yaml',
];

const PRIORITY_CLASS = [
  'create priorityclass p --dry-run=client -o yaml',
  'create pc p --value=-5 --preemption-policy=Foo --dry-run=client -o yaml',
  'create pc p --value=abc --dry-run=client -o yaml',
  'create pc p --value=99999999999 --dry-run=client -o yaml',
  'create pc p --value=3000000000 --dry-run=client -o yaml',
  'create pc --value=1 --dry-run=client',
  'create pc p --value=1 --description="a b" --dry-run=client -o json',
  'create pc p --value=1 --global-default=false --dry-run=client -o json',
  'create priorityclass p --value=1000 --description=hi --global-default --preemption-policy=Never --dry-run=client -o json',
  'create pc P --value=1 --dry-run=client -n x',
  'create pc p --value=1 --dry-run=client -o name',
];

const BINDING = [
  'create clusterrolebinding x --clusterrole=view --user=bob --dry-run=client -o json',
  'create rolebinding x --role=r --user=bob --group=g --serviceaccount=ns:sa -n kube-system --dry-run=client -o yaml',
  'create rolebinding x --clusterrole=view --serviceaccount=ns:sa --dry-run=client -o json',
  'create rolebinding x --clusterrole=view --dry-run=client -o yaml',
  'create clusterrolebinding x --clusterrole=view --serviceaccount=bad --dry-run=client',
  'create rolebinding x --dry-run=client',
  'create clusterrolebinding x --clusterrole=view --dry-run=client -o name',
];

const INGRESS = [
  'create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml',
  'create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o json',
  'create ingress catch-all --class=otheringress --rule="/path=svc:port" --dry-run=client -o yaml',
  'create ingress annotated --class=default --rule="foo.com/bar=svc:port" --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla --dry-run=client -o json',
  'create ingress multipath --class=default --rule="foo.com/=svc:port" --rule="foo.com/admin/=svcadmin:portadmin" --dry-run=client -o yaml',
  'create ingress ingress1 --class=default --rule="foo.com/path*=svc:8080" --rule="bar.com/admin*=svc2:http" --dry-run=client -o yaml',
  'create ingress ingtls --class=default --rule="foo.com/=svc:https,tls" --rule="foo.com/path/subpath*=othersvc:8080" --dry-run=client -o json',
  'create ingress ingsecret --class=default --rule="foo.com/*=svc:8080,tls=secret1" --rule="bar.com/*=svc:8080,tls=secret1" --rule="baz.com/*=svc:8080,tls" --rule="/x=svc:80,tls" --dry-run=client -o yaml',
  'create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule="foo.com/*=svc:8080,tls=secret1" --dry-run=client -o json',
  'create ingress d --default-backend=defaultsvc:80 -n prod --dry-run=client -o yaml',
  'create ingress x --dry-run=client',
  'create ingress x --rule=foo --dry-run=client',
  'create ingress x --rule="foo.com/bar=svc" --dry-run=client',
  'create ingress x --rule="foo.com/bar=svc:80,tlsx" --dry-run=client',
  'create ingress x --rule="foo.com/bar=svc:80" --annotation=noval --dry-run=client',
  'create ingress x --rule="foo.com/bar=svc:80" --annotation=k= --dry-run=client -o yaml',
  'create ingress x --default-backend=svc --dry-run=client',
  'create ingress x --default-backend=svc:80:90 --dry-run=client',
  'create ingress x --rule="*.foo.com/=svc:80" --dry-run=client -o name',
  'create ing x --rule="/=svc:80" --dry-run=client',
  'create ingress --rule="/=svc:80" --dry-run=client',
  'create ingress x --rule="foo.com/=svc:80,tls=a=b" --dry-run=client -o yaml',
  'create ingress x --rule="/=svc:0" --dry-run=client -o yaml',
  'create ingress x --rule="/=svc:080" --dry-run=client -o yaml',
  'create ingress x --rule="foo.com/bar=svc:80 junk" --dry-run=client -o yaml',
  'create ingress x --rule="foo.com/bar=svc:80,tls=x,y" --dry-run=client -o yaml',
  'create ingress x --rule="foo.com/bar=svc:80:90" --dry-run=client -o yaml',
  'create ingress x --rule="foo.com/bar=svc:8.0" --dry-run=client -o yaml',
  'create ingress x --rule="foo.com/bar=s.vc:80" --dry-run=client -o yaml',
  'create ingress x --rule="f!oo.com/bar=svc:80" --dry-run=client -o yaml',
];

/**
 * A self-signed P-256 pair (made with openssl for this test) and a file with no PEM in it,
 * written beside kubectl on both sides: the real one's working folder, the laptop's home.
 */
const TLS_FILES: Record<string, string> = {
  'tls.crt': `-----BEGIN CERTIFICATE-----\nMIIBjDCCATGgAwIBAgIUevGqcsUC/IxR19wWd0xxroTDnyswCgYIKoZIzj0EAwIw\nGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAeFw0yNjEyMDcwOTI1MDdaFw0z\nNjEyMDQwOTI1MDdaMBsxGTAXBgNVBAMMEHNob3AuZXhhbXBsZS5jb20wWTATBgcq\nhkjOPQIBBggqhkjOPQMBBwNCAATLZNTNhfHFx990sxawT6SaUjwt3yj6OVpHtyXw\nKDDaW+Z2EYBaSYI45F8NMsu+dRp/fyy9lOsbD55EA+6+evREo1MwUTAdBgNVHQ4E\nFgQUEVUODxvxaxWgBNPOkQ/7/D9GzxkwHwYDVR0jBBgwFoAUEVUODxvxaxWgBNPO\nkQ/7/D9GzxkwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA0Wgi\nE+aR0jzXbhn3nTT2xhUti+Jxl85dseCGOd8TI5gCIQCoBix6V58VAO0oycoPB5bw\nnDEm5o2gN0ox/0SAq/gAkw==\n-----END CERTIFICATE-----\n`,
  'tls.key': `-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQVXvHSDIzu1CLL/C\nHnqSY5INwSibZjvGnz12qfbLmBShRANCAATLZNTNhfHFx990sxawT6SaUjwt3yj6\nOVpHtyXwKDDaW+Z2EYBaSYI45F8NMsu+dRp/fyy9lOsbD55EA+6+evRE\n-----END PRIVATE KEY-----\n`,
  'junk.txt': 'not a certificate\n',
};

const SECRET = [
  'create secret tls t --cert=tls.crt --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --key=tls.key --dry-run=client -o json',
  'create secret tls t --cert=nope.crt --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --key=nope.key --dry-run=client -o yaml',
  'create secret tls t --cert=junk.txt --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --key=junk.txt --dry-run=client -o yaml',
  'create secret tls t --cert=tls.key --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --key=tls.crt --dry-run=client -o yaml',
  'create secret tls t --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --dry-run=client -o yaml',
  'create secret tls t --dry-run=client -o yaml',
  'create secret tls --cert=tls.crt --key=tls.key --dry-run=client -o yaml',
  'create secret tls t --cert=tls.crt --key=tls.key --append-hash --dry-run=client -o name',
  'create secret tls t --cert=tls.crt --key=tls.key -n prod --dry-run=client -o name',
  'create secret generic g --from-literal=a=b --append-hash --dry-run=client -o name',
  'create secret generic g --append-hash --dry-run=client -o name',
  'create secret generic g --type=Opaque --from-literal=a=b --from-literal=c=d --append-hash --dry-run=client -o yaml',
  'create secret docker-registry d --docker-username=u --docker-password=p --append-hash --dry-run=client -o name',
];

/** Lines whose RESTMapper asks the API server what a resource is: compared through kube-fake-api's discovery. */
const ROLE = [
  'create role foo --verb=get,list --verb=get --resource=pods,rs.apps,deploy,pods/status --resource-name=a --dry-run=client -o yaml',
  'create role foo --verb=get --resource=foo --dry-run=client -o yaml',
  'create role foo --verb=bind --resource=pods --dry-run=client -o yaml',
  'create role foo --verb=frob --resource=pods --dry-run=client -o json',
  'create role foo --verb=get --resource=foo.bar/x --dry-run=client -o json',
  'create role foo --verb=get --resource=roles --dry-run=client -o json',
  'create role foo --verb=get --resource=Pod --dry-run=client -o yaml',
  'create role foo --verb=get --resource=pod,po,pods.v1,Pods --dry-run=client -o yaml',
  "create role foo --verb=get --resource='*.apps' --dry-run=client -o yaml",
  "create role foo --verb=get --resource='pods,*' --dry-run=client -o yaml",
  'create role foo --verb=get --resource=/status --dry-run=client -o yaml',
  'create role foo --verb=get --resource=.apps --dry-run=client -o yaml',
  'create role foo --verb=get --resource=deployments.extensions --dry-run=client -o yaml',
  "create role foo --verb='get,*' --verb=list --resource=pods --dry-run=client -o yaml",
  'create role foo --resource=pods --dry-run=client -o yaml',
  'create role foo --verb=get --dry-run=client -o yaml',
  'create role foo --verb=frob --dry-run=client -o yaml',
  'create role --verb=get --resource=pods --dry-run=client -o yaml',
  'create role foo --verb=use --resource=pods --dry-run=client -o yaml',
  'create role foo --verb=impersonate --resource=users --dry-run=client -o yaml',
  'create role foo --verb=bind --resource=roles.rbac.authorization.k8s.io --dry-run=client -o yaml',
  'create role Foo --verb=get --resource=pods --dry-run=client',
  'create role foo --verb=get --resource=pods --resource-name=a --resource-name=a,b --dry-run=client -o json',
  'create role foo --verb=get --resource=pods -n kube-system --dry-run=client -o yaml',
  'create role foo --verb=get --resource=pods/log,pods/status --dry-run=client -o yaml',
  'create role foo --verb=get --resource=pods --non-resource-url=/x',
  'create role foo --verb=get --resource=foo --verb=bar',
  'create role foo --verb=get --resource=sts,po,cronjobs,jobs.batch,ingresses,secrets,cm --dry-run=client -o yaml',
];

const CLUSTER_ROLE = [
  "create clusterrole foo --verb=get --non-resource-url='/logs/*',/healthz --non-resource-url=/healthz --dry-run=client -o yaml",
  'create clusterrole foo --verb=get --resource=pods --non-resource-url=/logs --resource-name=x --dry-run=client -o json',
  'create clusterrole foo --aggregation-rule=a=b,c=d --aggregation-rule=e=f --dry-run=client -o yaml',
  'create clusterrole foo --aggregation-rule=a=b --dry-run=client -o json',
  'create clusterrole foo --aggregation-rule=a --dry-run=client -o yaml',
  'create clusterrole foo --aggregation-rule=a=b --verb=get --dry-run=client -o yaml',
  'create clusterrole foo --verb=get --dry-run=client -o yaml',
  'create clusterrole foo --verb=list --non-resource-url=/x --dry-run=client -o yaml',
  'create clusterrole foo --verb=get --non-resource-url=x --dry-run=client -o yaml',
  "create clusterrole foo --verb=get --non-resource-url='/x*/y' --dry-run=client -o yaml",
  "create clusterrole foo --verb=get --non-resource-url='*' --dry-run=client -o yaml",
  'create clusterrole foo --verb=frob --resource=pods --non-resource-url=/x --dry-run=client -o yaml',
  'create clusterrole foo --verb=frob --non-resource-url=/x --dry-run=client -o yaml',
  'create clusterrole foo --verb=get --resource=pods --dry-run=client',
  'create clusterrole foo --verb=get --resource=pods -n kube-system --dry-run=client -o yaml',
  'create clusterrole foo --verb=get --resource=pods --dry-run=client -o name',
  'create clusterrole foo --verb=get --resource=pods --dry-run=client -o wide',
  'create clusterrole foo --verb=get --resource=pods --dry-run=bogus',
  'create clusterrole foo --verb=get --resource=foo.apps',
  'create clusterrole --verb=get --resource=pods',
  'create clusterrole foo --aggregation-rule= --verb=get --resource=pods --dry-run=client -o yaml',
  'create clusterrole foo --verb=escalate,bind --resource=clusterroles --dry-run=client -o yaml',
  'create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true" --dry-run=client -o json',
];

describe.skipIf(!kubectl)(`kubectl create generators against the real kubectl 1.33 (${kubectl ? 'present' : 'skipped: kubectl.1.33 not found beside the kubectl on PATH'})`, () => {
  it.each([['help', HELP], ['deployment', DEPLOYMENT], ['service', SERVICE], ['serviceaccount', SERVICE_ACCOUNT], ['quota', QUOTA], ['priorityclass', PRIORITY_CLASS], ['ingress', INGRESS], ['rolebinding', BINDING]])('%s: prints what the real one prints, line for line', (_, lines) => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);
    const diffs: string[] = [];
    for (const line of lines) {
      const real = spawnSync(kubectl!, splitWords(line), { encoding: 'utf8', env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: '/nonexistent' } });
      const want = `${real.stdout}${real.stderr}exit ${real.status}\n`;
      const ours = s.run(`kubectl ${line} 2>&1; echo "exit $?"`).output;
      if (ours !== want) diffs.push(`$ kubectl ${line}\n--- real\n${want}--- ours\n${ours}`);
    }
    expect(diffs.join('\n')).toBe('');
  });
});

/** What kube-fake-api serves: a Role and a ClusterRole make it list the RBAC group in discovery. */
const RBAC_FIXTURE = [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr' } },
];

describe.skipIf(noFakeApi)(`kubectl create role / clusterrole against the real kubectl 1.33 and kube-fake-api (${noFakeApi ? `skipped: ${noFakeApi}` : 'present'})`, () => {
  it.each([['role', ROLE], ['clusterrole', CLUSTER_ROLE]])('%s: prints what the real one prints, line for line', (_, lines) => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);
    const api = startFakeApi(RBAC_FIXTURE);
    const diffs: string[] = [];
    try {
      for (const line of lines) {
        const real = api.run(splitWords(line));
        const want = `${real.output}exit ${real.exitCode}\n`;
        const ours = s.run(`kubectl ${line} 2>&1; echo "exit $?"`).output;
        if (ours !== want) diffs.push(`$ kubectl ${line}\n--- real\n${want}--- ours\n${ours}`);
      }
    } finally {
      api.stop();
    }
    expect(diffs.join('\n')).toBe('');
  });
});

describe.skipIf(!kubectl)(`kubectl create secret tls|generic|docker-registry with files against the real kubectl 1.33 (${kubectl ? 'present' : 'skipped: kubectl.1.33 not found beside the kubectl on PATH'})`, () => {
  it('reads the same PEM files and prints what the real one prints, line for line', () => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'real-kubectl-tls-'));
    const diffs: string[] = [];
    try {
      for (const [name, text] of Object.entries(TLS_FILES)) {
        writeFileSync(path.join(dir, name), text);
        expect(s.run(`cat > ${name} <<'EOF'\n${text}EOF`).output).toBe('');
      }
      for (const line of SECRET) {
        const real = spawnSync(kubectl!, splitWords(line), { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: '/nonexistent' } });
        const want = `${real.stdout}${real.stderr}exit ${real.status}\n`;
        const ours = s.run(`kubectl ${line} 2>&1; echo "exit $?"`).output;
        if (ours !== want) diffs.push(`$ kubectl ${line}\n--- real\n${want}--- ours\n${ours}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(diffs.join('\n')).toBe('');
  });
});
