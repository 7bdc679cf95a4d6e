/**
 * `-v=6` on the verbs that read `-f` files (apply, replace, create -f): the requests kubectl 1.33
 * sends for each object, in order, with the statuses the API server answers (URLs checked against
 * the real kubectl 1.33 run on the same ConfigMap through kube-fake-api).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

/** The request lines of each command's output, without klog's header, the server and the latency. */
function requests(lines: string[]): string[][] {
  const s = Session.start(load('crashloop.yaml'));
  s.run(`cat > /tmp/cm.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: data\ndata:\n  a: "1"\nEOF`);
  return lines.map((l) => {
    let out = s.run(l).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out.split('\n').filter((x) => x !== '' && !/loader\.go|envvar\.go/.test(x))
      .map((x) => x.replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '').replace(/https:\/\/[^/]+/, '').replace(/ milliseconds=\d+$/, '').replace(/hash=[0-9A-F]{128}/, 'hash=H'));
  });
}

const R = (verb: string, url: string, status: string) => `round_trippers.go:632] "Response" verb="${verb}" url="${url}" status="${status}"`;
const CM = '/api/v1/namespaces/data/configmaps';

describe('-v=6 on apply, replace and create -f', () => {
  it('apply: a GET that finds nothing then a POST; later the OpenAPI documents and a PATCH, none when unchanged', () => {
    const [created, unchanged, , configured] = requests([
      'kubectl apply -f /tmp/cm.yaml -v=6', 'kubectl apply -f /tmp/cm.yaml -v=6', `sed -i 's/a: "1"/a: "2"/' /tmp/cm.yaml`, 'kubectl apply -f /tmp/cm.yaml -v=6',
    ]);
    expect(created).toEqual([
      R('GET', `${CM}/cfg`, '404 Not Found'),
      R('POST', `${CM}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`, '201 Created'),
      'configmap/cfg created',
      'apply.go:548] Running apply post-processor function',
    ]);
    const openapi = [R('GET', '/openapi/v3?timeout=32s', '200 OK'), R('GET', '/openapi/v3/api/v1?hash=H&timeout=32s', '200 OK')];
    expect(unchanged).toEqual([R('GET', `${CM}/cfg`, '200 OK'), ...openapi, 'configmap/cfg unchanged', 'apply.go:548] Running apply post-processor function']);
    expect(configured).toEqual([
      R('GET', `${CM}/cfg`, '200 OK'), ...openapi,
      R('PATCH', `${CM}/cfg?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`, '200 OK'),
      'configmap/cfg configured', 'apply.go:548] Running apply post-processor function',
    ]);
  });

  it('server-side apply: one PATCH with its field manager and force, a 201 when it creates', () => {
    const [made, again] = requests(['kubectl apply --server-side -f /tmp/cm.yaml -v=6', 'kubectl apply --server-side --force-conflicts -f /tmp/cm.yaml -v=6']);
    expect(made).toEqual([R('PATCH', `${CM}/cfg?fieldManager=kubectl&fieldValidation=Strict&force=false`, '201 Created'), 'configmap/cfg serverside-applied', 'apply.go:548] Running apply post-processor function']);
    expect(again[0]).toBe(R('PATCH', `${CM}/cfg?fieldManager=kubectl&fieldValidation=Strict&force=true`, '200 OK'));
  });

  it('replace: the GET for the resourceVersion, then the PUT; a missing object stops at a 404', () => {
    const [missing, , replaced] = requests(['kubectl replace -f /tmp/cm.yaml -v=6', 'kubectl create -f /tmp/cm.yaml', 'kubectl replace -f /tmp/cm.yaml -v=6']);
    expect(missing).toEqual([R('GET', `${CM}/cfg`, '404 Not Found'), 'Error from server (NotFound): error when replacing "/tmp/cm.yaml": configmaps "cfg" not found']);
    expect(replaced).toEqual([R('GET', `${CM}/cfg`, '200 OK'), R('PUT', `${CM}/cfg?fieldManager=kubectl-replace&fieldValidation=Strict`, '200 OK'), 'configmap/cfg replaced']);
  });

  it('create -f: a POST, 409 Conflict once the name is taken, --validate=false sent as Ignore', () => {
    const [made, taken] = requests(['kubectl create -f /tmp/cm.yaml -v=6', 'kubectl create -f /tmp/cm.yaml -v=6 --validate=false']);
    expect(made).toEqual([R('POST', `${CM}?fieldManager=kubectl-create&fieldValidation=Strict`, '201 Created'), 'configmap/cfg created']);
    expect(taken).toEqual([R('POST', `${CM}?fieldManager=kubectl-create&fieldValidation=Ignore`, '409 Conflict'), 'Error from server (AlreadyExists): error when creating "/tmp/cm.yaml": configmaps "cfg" already exists']);
  });
});
