import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../../../tests/shared.ts';
import { stateFromObjects } from '../../../../testing/fromObjects.ts';
import { FIXTURE_NOW, runKubectl } from '../../testing.ts';

const items = HAVE_REFERENCE ? (JSON.parse(readFileSync(`${REFERENCE_DIR}/fixtures/cluster.json`, 'utf8')).items as unknown[]) : [];
const state = stateFromObjects(items, FIXTURE_NOW, 'v1.29.4');
const run = (line: string) => runKubectl(state, line);
const DEP = 'kubectl patch deploy payment-service -n payments';

describe.skipIf(!HAVE_REFERENCE)('kubectl patch decodes the patched object as the API server does (needs ../shared)', () => {
  it('a strategic patch with a wrong JSON type gets the unstructured converter’s 422, quoting the patch as Go prints a map', () => {
    const cases: [string, string][] = [
      ['{"spec":{"replicas":"x"}}', '"map[spec:map[replicas:x]]": unrecognized type: int32'],
      ['{"spec":{"replicas":{}}}', '"map[spec:map[replicas:map[]]]": unrecognized type: int32'],
      ['{"spec":{"replicas":1.5}}', '"map[spec:map[replicas:1.5]]": cannot convert float64 to int32'],
      ['{"spec":{"paused":"yes"}}', '"map[spec:map[paused:yes]]": unrecognized type: bool'],
      ['{"spec":{"template":"none"}}', '"map[spec:map[template:none]]": cannot restore struct from: string'],
      ['{"spec":{"template":{"spec":{"containers":{"name":"a"}}}}}', '"map[spec:map[template:map[spec:map[containers:map[name:a]]]]]": cannot restore slice from map'],
      ['{"metadata":{"labels":{"a":1}}}', '"map[metadata:map[labels:map[a:1]]]": cannot convert int64 to string'],
    ];
    for (const [patch, tail] of cases) {
      expect(run(`${DEP} -p '${patch}'`), patch).toMatchObject({ stdout: '', exitCode: 1, stderr: `The request is invalid: patch: Invalid value: ${tail}\n` });
    }
    expect(run(`kubectl patch node ${Object.keys(state.nodes)[0]} -p '{"spec":{"unschedulable":"yes"}}'`).stderr)
      .toBe('The request is invalid: patch: Invalid value: "map[spec:map[unschedulable:yes]]": unrecognized type: bool\n');
  });

  it('a merge or JSON patch gets encoding/json’s error naming the Go struct field, quoting the whole patched object', () => {
    const merge = run(`${DEP} --type=merge -p '{"spec":{"replicas":"x"}}'`);
    expect(merge.exitCode).toBe(1);
    expect(merge.stderr).toMatch(/^The request is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",.*\\"replicas\\":\\"x\\".*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/);
    expect(run(`${DEP} --type=merge -p '{"spec":{"replicas":99999999999}}'`).stderr)
      .toMatch(/: json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/);
    expect(run(`${DEP} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":7}]'`).stderr)
      .toMatch(/: json: cannot unmarshal number into Go struct field Container\.spec\.template\.spec\.containers\.image of type string\n$/);
  });

  it('a strategic patch converts an out-of-range integer as Go’s int32() does, and validation judges what is left', () => {
    const r = run(`${DEP} -p '{"spec":{"replicas":2147483648}}'`);
    expect(r.stderr).toBe('The Deployment "payment-service" is invalid: spec.replicas: Invalid value: -2147483648: must be greater than or equal to 0\n');
    const wrapped = run(`${DEP} -p '{"spec":{"replicas":99999999999}}'`);
    expect(wrapped).toMatchObject({ stdout: 'deployment.apps/payment-service patched\n', exitCode: 0 });
    expect(wrapped.actions).toMatchObject([{ type: 'object/replace', object: { spec: { replicas: 1215752191 } } }]);
  });

  it('unknown fields are dropped with the server’s warning; the rest of the patch applies', () => {
    const r = run(`${DEP} -p '{"spec":{"replica":3,"template":{"spec":{"containers":[{"name":"payment-service","imagee":"x"}]}}}}'`);
    expect(r).toMatchObject({
      exitCode: 0, stdout: 'deployment.apps/payment-service patched (no change)\n',
      stderr: 'Warning: unknown field "spec.replica"\nWarning: unknown field "spec.template.spec.containers[0].imagee"\n',
    });
  });

  it('a patch nested thousands deep gets a fixed answer, whatever the JavaScript stack allows', () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const within = run(`${DEP} -p '{"spec":${deep(5000)}}'`);
    expect(within).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/payment-service patched (no change)\n', stderr: 'Warning: unknown field "spec.a"\n' });
    const meta = run(`${DEP} -p '{"metadata":{"annotations":{"x":${deep(3000)}}}}'`);
    expect(meta.stderr).toMatch(/^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[x:map\[a:map\[a:.*\]\]\]\]\]": unrecognized type: string\n$/);
    const beyond = run(`${DEP} -p '${deep(10001)}'`);
    expect(beyond.exitCode).toBe(1);
    expect(beyond.stderr).toMatch(/^error: unable to parse "\{"a":\{"a":.*1\}+": yaml: exceeded max depth of 10000\n$/);
    expect(run(`${DEP} --type=json -p '[{"op":"add","path":"/metadata/labels","value":${deep(4000)}}]'`).stderr).toMatch(/json: cannot unmarshal object into Go struct field ObjectMeta\.metadata\.labels\.a of type string\n$/);
  });
});
