import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../../../tests/shared.ts';
import { stateFromObjects } from '../../../../testing/fromObjects.ts';
import { FIXTURE_NOW, runKubectl } from '../../testing.ts';

const items = HAVE_REFERENCE ? (JSON.parse(readFileSync(`${REFERENCE_DIR}/fixtures/cluster.json`, 'utf8')).items as unknown[]) : [];
const state = stateFromObjects(items, FIXTURE_NOW, 'v1.29.4');
const run = (line: string) => runKubectl(state, line);

describe.skipIf(!HAVE_REFERENCE)('kubectl patch that breaks an object’s shape (these used to crash the controllers) (needs ../shared)', () => {
  it('a Deployment without spec or template is refused with the server’s field errors', () => {
    expect(run(`kubectl patch deploy payment-service -n payments -p '{"spec":null}'`)).toMatchObject({
      stdout: '', exitCode: 1,
      stderr: 'The Deployment "payment-service" is invalid: \n* spec.selector: Required value\n* spec.template.spec.containers: Required value\n',
    });
    expect(run(`kubectl patch deploy payment-service -n payments --type=merge -p '{"spec":{"template":null}}'`).stderr)
      .toBe('The Deployment "payment-service" is invalid: spec.template.spec.containers: Required value\n');
    expect(run(`kubectl patch deploy payment-service -n payments -p '{"spec":{"replicas":-3}}'`).stderr)
      .toBe('The Deployment "payment-service" is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0\n');
    expect(run(`kubectl patch deploy payment-service -n payments --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/-","value":{}}]'`).stderr)
      .toBe('The Deployment "payment-service" is invalid: \n* spec.template.spec.containers[1].name: Required value\n* spec.template.spec.containers[1].image: Required value\n');
  });
  it('a Pod’s nulled spec is a forbidden update', () => {
    expect(run(`kubectl patch pod payment-service-5f6b8d7c9-dqv5f -n payments -p '{"spec":null}'`).stderr).toMatch(/^The Pod "payment-service-5f6b8d7c9-dqv5f" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });
  it('a PodDisruptionBudget’s nulled spec is its zero value: accepted, and it selects nothing', () => {
    const r = run(`kubectl patch pdb payment-service-pdb -n payments -p '{"spec":null}'`);
    expect(r).toMatchObject({ stdout: 'poddisruptionbudget.policy/payment-service-pdb patched\n', stderr: '', exitCode: 0 });
    expect(r.actions).toMatchObject([{ type: 'object/replace', kind: 'PodDisruptionBudget', object: { spec: {} } }]);
  });
  it('a JSON patch that replaces the whole object with a non-object leaves nothing to decode', () => {
    expect(run(`kubectl patch deploy payment-service -n payments --type=json -p '[{"op":"replace","path":"","value":null}]'`)).toMatchObject({
      stdout: '', exitCode: 1, stderr: "Error from server (BadRequest): Object 'Kind' is missing in 'null'\n",
    });
  });
});
