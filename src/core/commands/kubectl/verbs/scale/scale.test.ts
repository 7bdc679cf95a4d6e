import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../../../tests/shared.ts';
import { stateFromObjects } from '../../../../testing/fromObjects.ts';
import { FIXTURE_NOW, runKubectl } from '../../testing.ts';

const items = HAVE_REFERENCE ? (JSON.parse(readFileSync(`${REFERENCE_DIR}/fixtures/cluster.json`, 'utf8')).items as unknown[]) : [];
const state = stateFromObjects(items, FIXTURE_NOW, 'v1.29.4');
const run = (line: string) => runKubectl(state, line);

describe.skipIf(!HAVE_REFERENCE)('kubectl scale with absurd counts (needs ../shared)', () => {
  it('refuses a count the int32 replicas field cannot hold (it used to create 1e11 pods and hang)', () => {
    const r = run('kubectl scale deployment/payment-service -n payments --replicas=99999999999');
    expect(r).toMatchObject({ stdout: '', exitCode: 1, stderr: 'Error from server (BadRequest): json: cannot unmarshal number 99999999999 into Go struct field ScaleSpec.spec.replicas of type int32\n' });
    expect(r.state.deployments['payments/payment-service'].spec.replicas).toBe(state.deployments['payments/payment-service'].spec.replicas);
  });
  it('a count beyond Go int is a flag error, as pflag parses it', () => {
    expect(run('kubectl scale deployment/payment-service -n payments --replicas=99999999999999999999')).toMatchObject({
      stdout: '', exitCode: 1,
      stderr: 'error: invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range\nSee \'kubectl scale --help\' for usage.\n',
    });
  });
});
