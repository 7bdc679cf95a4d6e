/**
 * kubectl's manifest verbs (issue 12, "Manifests"): apply, create, replace, delete and diff with
 * -f, typed through a session on a real scenario. Texts from kubectl 1.33 (pkg/cmd/apply, create,
 * replace, delete, diff) and GNU diff's unified format.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/core/session/session.ts';
import { load } from './garbage.ts';

function session(): (line: string) => string {
  const s = Session.start(load('crashloop.yaml'));
  return (line: string) => {
    let out = s.run(line).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out;
  };
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: data
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.internal:5000/identity/auth-service:3.9.0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: data
data:
  a: "1"
`;

describe('kubectl apply -f', () => {
  it('creates, then leaves unchanged, then configures what changed; the controllers act on it', () => {
    const run = session();
    run(`cat > /tmp/web.yaml <<'EOF'\n${WEB}EOF`);
    expect(run('kubectl apply -f /tmp/web.yaml')).toBe('deployment.apps/web created\nconfigmap/web-config created\n');
    expect(run('kubectl apply -f /tmp/web.yaml')).toBe('deployment.apps/web unchanged\nconfigmap/web-config unchanged\n');
    run("sed -i 's/replicas: 2/replicas: 3/' /tmp/web.yaml");
    expect(run('kubectl apply -f /tmp/web.yaml --dry-run=server')).toBe('deployment.apps/web configured (server dry run)\nconfigmap/web-config unchanged (server dry run)\n');
    expect(run('kubectl apply -f /tmp/web.yaml')).toBe('deployment.apps/web configured\nconfigmap/web-config unchanged\n');
    expect(run("kubectl get deploy web -n data -o jsonpath='{.spec.replicas} {.metadata.generation}'")).toBe('3 2');
    expect(run("kubectl get cm web-config -n data -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'"))
      .toBe('{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"web-config","namespace":"data"}}\n');
    run('sleep 30');
    expect(run('kubectl get pods -n data -l app=web --no-headers | wc -l').trim()).toBe('3');
  });
  it('warns when the live object was not applied before, and reads stdin', () => {
    const run = session();
    run('kubectl get cm auth-service-config-v2 -n identity -o yaml > /tmp/cm.yaml');
    expect(run('cat /tmp/cm.yaml | kubectl apply -f -')).toBe('Warning: resource configmaps/auth-service-config-v2 is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\nconfigmap/auth-service-config-v2 configured\n');
    expect(run('kubectl apply -f /tmp/cm.yaml')).toBe('configmap/auth-service-config-v2 unchanged\n');
  });
  it('answers kinds the cluster does not serve, missing files and namespace clashes with kubectl\'s errors', () => {
    const run = session();
    run(`cat > /tmp/web.yaml <<'EOF'\n${WEB}EOF`);
    expect(run("printf 'apiVersion: example.com/v1\\nkind: Widget\\nmetadata:\\n  name: w\\n' | kubectl apply -f -"))
      .toBe('error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n');
    expect(run('kubectl apply -f /tmp/nope.yaml')).toBe('error: the path "/tmp/nope.yaml" does not exist\n');
    expect(run('kubectl apply -f /tmp/web.yaml -n identity')).toBe('error: the namespace from the provided object "data" does not match the namespace "identity". You must pass \'--namespace=data\' to perform this operation.\n');
    expect(run('kubectl apply')).toBe('error: must specify one of -f and -k\n');
    expect(run('kubectl apply -f /tmp/web.yaml --server-side')).toBe('deployment.apps/web serverside-applied\nconfigmap/web-config serverside-applied\n');
  });
});

describe('kubectl create, replace, delete -f', () => {
  it('create refuses what exists; replace needs it, refuses a stale version, --force recreates', () => {
    const run = session();
    run(`cat > /tmp/web.yaml <<'EOF'\n${WEB}EOF`);
    expect(run('kubectl replace -f /tmp/web.yaml')).toBe('Error from server (NotFound): error when replacing "/tmp/web.yaml": deployments.apps "web" not found\nError from server (NotFound): error when replacing "/tmp/web.yaml": configmaps "web-config" not found\n');
    expect(run('kubectl create -f /tmp/web.yaml')).toBe('deployment.apps/web created\nconfigmap/web-config created\n');
    expect(run('kubectl create -f /tmp/web.yaml')).toBe('Error from server (AlreadyExists): error when creating "/tmp/web.yaml": deployments.apps "web" already exists\nError from server (AlreadyExists): error when creating "/tmp/web.yaml": configmaps "web-config" already exists\n');
    run('kubectl get deploy web -n data -o yaml > /tmp/live.yaml');
    expect(run("sed -i 's/replicas: 2/replicas: 1/' /tmp/live.yaml; kubectl replace -f /tmp/live.yaml")).toBe('deployment.apps/web replaced\n');
    expect(run('kubectl replace -f /tmp/live.yaml')).toBe('Error from server (Conflict): error when replacing "/tmp/live.yaml": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n');
    expect(run('kubectl delete -f /tmp/live.yaml')).toBe('deployment.apps "web" deleted\n');
    expect(run('kubectl delete -f /tmp/live.yaml')).toBe('Error from server (NotFound): error when deleting "/tmp/live.yaml": deployments.apps "web" not found\n');
    expect(run('kubectl create -f /tmp/live.yaml -o name')).toBe('deployment.apps/web\n');
  });
});

describe('kubectl diff -f', () => {
  it('prints GNU diff -u -N of the live and merged objects and exits 1; nothing and 0 when applied', () => {
    const run = session();
    run(`cat > /tmp/web.yaml <<'EOF'\n${WEB}EOF`);
    run('kubectl apply -f /tmp/web.yaml');
    expect(run('kubectl diff -f /tmp/web.yaml; echo "rc=$?"')).toBe('rc=0\n');
    run("sed -i 's/  a: \"1\"/  a: \"2\"/' /tmp/web.yaml");
    const out = run('kubectl diff -f /tmp/web.yaml; echo "rc=$?"');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.data\.web-config \/tmp\/MERGED-\d+\/v1\.ConfigMap\.data\.web-config$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/v1\.ConfigMap\.data\.web-config\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$/);
    expect(lines[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\/v1\.ConfigMap\.data\.web-config\t/);
    expect(lines.slice(3).join('\n')).toBe(`@@ -1,11 +1,11 @@
 apiVersion: v1
 data:
-  a: "1"
+  a: "2"
 kind: ConfigMap
 metadata:
   annotations:
     kubectl.kubernetes.io/last-applied-configuration: |
-      {"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"web-config","namespace":"data"}}
+      {"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"web-config","namespace":"data"}}
   creationTimestamp: "${run("kubectl get cm web-config -n data -o jsonpath='{.metadata.creationTimestamp}'")}"
   name: web-config
   namespace: data
rc=1
`);
  });
});

describe('Tab completion for the manifest and kubeconfig verbs', () => {
  it('completes the new verbs, their flags, files after -f, `all`, context names, and uses the context namespace', () => {
    const s = Session.start(load('crashloop.yaml'));
    const tab = (line: string) => s.complete(line, line.length).candidates;
    s.run("printf 'a: 1\\n' > /tmp/web.yaml");
    expect(tab('kubectl ap')).toEqual(['api-resources', 'api-versions', 'apply']);
    expect(tab('kubectl di')).toEqual(['diff']);
    expect(tab('kubectl cluster')).toEqual(['cluster-info']);
    expect(tab('kubectl apply --server')).toEqual(['--server', '--server-side']);
    expect(tab('kubectl apply -f /tmp/w')).toEqual(['/tmp/web.yaml']);
    expect(tab('kubectl apply -f ~/.ku')).toEqual([]);
    expect(tab('kubectl get al')).toEqual(['all']);
    expect(tab('kubectl config use-context ')).toEqual(['prod-us-east-2']);
    expect(tab('kubectl config set-context --current --nam')).toEqual(['--namespace']);
    s.run('kubectl config set-context --current --namespace=identity');
    expect(tab('kubectl logs auth-service-8d8964df7-5x')).toEqual(['auth-service-8d8964df7-5xdzq']);
  });
});

describe('kubectl run', () => {
  it('creates a pod, prints the request on a client dry run, and attaches with -it; --rm deletes it on exit', () => {
    const run = session();
    expect(run('kubectl run t2 --image=busybox:1.36 --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: t2\n  name: t2\nspec:\n  containers:\n  - image: busybox:1.36\n    name: t2\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n');
    expect(run('kubectl run t2 --image=busybox:1.36 -- sleep 3600')).toBe('pod/t2 created\n');
    expect(run('kubectl run t2 --image=busybox:1.36')).toBe('Error from server (AlreadyExists): pods "t2" already exists\n');
    expect(run('kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- sh')).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(run('hostname')).toBe('tmp\n');
    expect(run('exit')).toBe('pod "tmp" deleted\n');
    run('sleep 5');
    expect(run('kubectl get pod tmp')).toBe('Error from server (NotFound): pods "tmp" not found\n');
    expect(run('kubectl run dns --rm -i --image=busybox:1.36 --restart=Never -- nslookup kubernetes.default')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\npod "dns" deleted\n');
  });
  it('answers missing names, images and misused flags with kubectl\'s errors', () => {
    const run = session();
    expect(run('kubectl run')).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect(run('kubectl run x')).toBe('error: required flag(s) "image" not set\n');
    expect(run('kubectl run x --image=busybox:1.36 --rm')).toBe('error: --rm should only be used for attached containers\n');
  });
});
