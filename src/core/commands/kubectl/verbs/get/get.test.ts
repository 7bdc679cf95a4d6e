import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../../../tests/shared.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateFromObjects } from '../../../../testing/fromObjects.ts';
import { FIXTURE_NOW, runKubectl } from '../../testing.ts';

const REF = REFERENCE_DIR;
const golden = (name: string) => readFileSync(`${REF}/golden/kubectl-v1.33.1/${name}`, 'utf8');
const items = HAVE_REFERENCE ? (JSON.parse(readFileSync(`${REF}/fixtures/cluster.json`, 'utf8')).items as unknown[]) : [];
const state = stateFromObjects(items, FIXTURE_NOW);
const run = (line: string) => runKubectl(state, line);

describe.skipIf(!HAVE_REFERENCE)('kubectl get tables (server-side columns) (needs ../shared)', () => {
  it.each([
    ['kubectl get pods -n shop --show-labels', 'PORTED-get-pods-shop-show-labels.txt'],
    ['kubectl get pods -A', 'PORTED-get-pods-all-namespaces.txt'],
    ['kubectl get pods -n payments -o wide', 'PORTED-get-pods-payments-wide.txt'],
    ['kubectl get nodes', 'PORTED-get-nodes.txt'],
    ['kubectl get no -o wide', 'PORTED-get-nodes-wide.txt'],
    ['kubectl get events -n payments', 'PORTED-get-events-payments.txt'],
    ['kubectl get ev -A', 'PORTED-get-events-all-namespaces.txt'],
    ['kubectl get deploy,rs -n payments -o wide', 'PORTED-get-deploy-rs-payments.txt'],
  ])('%s', (line, file) => {
    expect(run(line)).toMatchObject({ stdout: golden(file), stderr: '', exitCode: 0 });
  });

  it('cordoned nodes show SchedulingDisabled', () => {
    const after = runKubectl(state, 'kubectl cordon worker-7').state;
    expect(runKubectl(after, 'kubectl get node worker-7').stdout).toBe(
      'NAME       STATUS                     ROLES    AGE    VERSION\nworker-7   Ready,SchedulingDisabled   <none>   100d   v1.29.4\n');
  });

  it('namespaces, -L label columns, --no-headers and TYPE/NAME', () => {
    expect(run('kubectl get ns').stdout).toBe([
      'NAME              STATUS   AGE', 'default           Active   100d', 'kube-node-lease   Active   100d',
      'kube-public       Active   100d', 'kube-system       Active   100d', 'payments          Active   98d', 'shop              Active   98d', '',
    ].join('\n'));
    expect(run('kubectl get pods -n shop -L app --no-headers -l app=checkout-api --field-selector spec.nodeName=worker-3').stdout)
      .toBe('checkout-api-7d9f8b6c5d-x2x9k   0/1   CrashLoopBackOff   12 (4m13s ago)   3h12m   checkout-api\n');
    expect(run('kubectl get pod/checkout-api-7d9f8b6c5d-p7wzn -n shop').stdout).toBe(
      'NAME                            READY   STATUS    RESTARTS   AGE\ncheckout-api-7d9f8b6c5d-p7wzn   1/1     Running   0          3h12m\n');
  });

  it('sorts by a JSONPath and filters by fields', () => {
    expect(run('kubectl get pods -n shop --sort-by=.status.containerStatuses[0].restartCount -o name').stdout).toBe(
      'pod/checkout-api-7d9f8b6c5d-p7wzn\npod/checkout-api-7d9f8b6c5d-5jq8r\npod/checkout-api-7d9f8b6c5d-x2x9k\n');
    expect(run('kubectl get events -n shop --field-selector type=Warning,involvedObject.kind=Pod --sort-by=.lastTimestamp -o name').stdout)
      .toMatch(/^event\/checkout-api-7d9f8b6c5d-x2x9k\.[a-z0-9]+\n$/);
    expect(run("kubectl get pods -n payments -l 'app in (payment-service),pod-template-hash notin (5f6b8d7c9)' --field-selector status.phase=Running,spec.nodeName!=worker-1 -o name").stdout.split('\n').length).toBe(14);
  });
});

describe.skipIf(!HAVE_REFERENCE)('kubectl get -o formats (needs ../shared)', () => {
  it.each([
    ['kubectl get pod checkout-api-7d9f8b6c5d-x2x9k -n shop -o yaml', 'get-pod-oomkilled-yaml.txt'],
    ['kubectl get pod payment-service-6c8d7f9b4-7kq2m -n payments -o json', 'get-pod-sigill-json.txt'],
    ['kubectl get node worker-3 -o yaml', 'get-node-worker-3-yaml.txt'],
    ['kubectl get deployment payment-service -n payments -o yaml', 'get-deployment-payment-service-yaml.txt'],
    ['kubectl get pods -n payments -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,RESTARTS:.status.containerStatuses[0].restartCount,EXIT:.status.containerStatuses[0].lastState.terminated.exitCode', 'get-pods-payments-custom-columns.txt'],
    ['kubectl get pods -n payments -l app=payment-service,pod-template-hash=6c8d7f9b4 -o name', 'get-pods-selector-name.txt'],
    ['kubectl get pods -A -o \'jsonpath={range .items[*]}{.metadata.namespace}{"/"}{.metadata.name}{"\\t"}{.status.containerStatuses[0].restartCount}{"\\n"}{end}\'', 'get-pods-jsonpath-restarts.txt'],
  ])('%s', (line, file) => {
    expect(run(line)).toMatchObject({ stdout: golden(file), stderr: '', exitCode: 0 });
  });

  it('wraps several objects in a List', () => {
    const out = run('kubectl get pods -n shop -l app=nothing -o yaml');
    expect(out.stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    const list = JSON.parse(run('kubectl get pods -n shop -o json').stdout);
    expect([list.kind, list.items.length, list.metadata]).toEqual(['List', 3, { resourceVersion: '' }]);
  });

  it('jsonpath filters and plain paths', () => {
    expect(run(`kubectl get node worker-3 -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'`).stdout).toBe('True');
    expect(run('kubectl get pods -n shop -o jsonpath={.items[*].status.phase}').stdout).toBe('Running Running Running');
    expect(run('kubectl get pods -n shop -o jsonpath={.items[-1:].metadata.name}').stdout).toBe('checkout-api-7d9f8b6c5d-x2x9k');
  });
});

describe.skipIf(!HAVE_REFERENCE)('kubectl get errors (needs ../shared)', () => {
  it('not found, like the golden', () => {
    expect(run('kubectl get pod does-not-exist -n shop')).toMatchObject({
      stdout: golden('get-pod-not-found.stdout.txt'), stderr: golden('get-pod-not-found.stderr.txt'), exitCode: 1 });
    expect(run('kubectl get deploy nope -n shop').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('prints what was found and reports what was not', () => {
    const r = run('kubectl get pods checkout-api-7d9f8b6c5d-p7wzn ghost -n shop --no-headers');
    expect(r).toMatchObject({ stdout: 'checkout-api-7d9f8b6c5d-p7wzn   1/1   Running   0     3h12m\n', stderr: 'Error from server (NotFound): pods "ghost" not found\n', exitCode: 1 });
  });

  it('empty results go to stderr with exit 0', () => {
    expect(run('kubectl get pods -n production')).toMatchObject({ stdout: '', stderr: 'No resources found in production namespace.\n', exitCode: 0 });
    expect(run('kubectl get svc -n production')).toMatchObject({ stdout: '', stderr: 'No resources found in production namespace.\n', exitCode: 0 });
    expect(run('kubectl get pods -A -l app=none')).toMatchObject({ stderr: 'No resources found\n', exitCode: 0 });
    expect(run('kubectl get pv')).toMatchObject({ stderr: 'No resources found\n', exitCode: 0 });
  });

  it.each([
    ['kubectl get podz', 'error: the server doesn\'t have a resource type "podz"\n'],
    ['kubectl get pods -o xml', 'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['kubectl get --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    ['kubectl get pods -o', "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
    ['kubectl get pod x -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['kubectl get', 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n'],
    ['kubectl get pods --field-selector foo=bar', 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n'],
  ])('%s', (line, stderr) => {
    expect(run(line)).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });

  it('garbage never throws', () => {
    for (const line of ['kubectl get pods -o jsonpath={.items[', 'kubectl get pods -o custom-columns=', 'kubectl get pods -l "a in (b"', 'kubectl get pods --sort-by={', 'kubectl get / -n', 'kubectl get ,,, x', 'kubectl get pods/ -o=jsonpath={range}', 'kubectl get pods -L', "kubectl get pods -o jsonpath='{.a}}{end}'", 'kubectl get pods --field-selector =,=', 'kubectl get pods --chunk-size=abc']) {
      const r = run(line);
      expect(typeof r.stdout).toBe('string');
      expect(r.exitCode === 0 || r.stderr.length > 0).toBe(true);
    }
  });
});
