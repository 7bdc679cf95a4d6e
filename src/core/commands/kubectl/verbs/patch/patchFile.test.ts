import { describe, expect, it } from 'vitest';
import { manifestSession } from '../../../../testing/tinyScenario.ts';

describe('kubectl patch --patch-file (kubectl 1.33 patch.go)', () => {
  it('reads the patch from a file on the laptop, and words a missing or doubled patch as kubectl does', () => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: default }, data: { level: info } }']);
    const run = (line: string) => s.run(line, s.now + 1000).output;
    run(`printf '{"data":{"level":"debug"}}' > /tmp/p.json`);
    expect(run('kubectl patch cm settings --patch-file /tmp/p.json')).toBe('configmap/settings patched\n');
    expect(run("kubectl get cm settings -o jsonpath='{.data.level}'")).toBe('debug');
    expect(run('kubectl patch cm settings --patch-file /tmp/none.json')).toBe('error: unable to read patch file: open /tmp/none.json: no such file or directory\n');
    expect(run('kubectl patch cm settings --patch-file /tmp')).toBe('error: unable to read patch file: read /tmp: is a directory\n');
    expect(run(`kubectl patch cm settings --patch-file /tmp/p.json -p '{}'`)).toBe('error: cannot specify --patch and --patch-file together\n');
    expect(run('kubectl patch cm settings')).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });
});
