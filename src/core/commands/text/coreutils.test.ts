/**
 * Our text tools against the real ones on this machine (GNU sed, coreutils seq/base64/tee,
 * findutils xargs, util-linux column/rev): the same line on the same files must print the same.
 * Each case skips, saying so, when the real program is missing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realTool, runReal } from '../../../../tests/realtools.ts';
import { fakeShell } from '../../shell/testEnv.ts';
import { cat } from '../node/cat/index.ts';
import { textCommands } from './index.ts';

const FILES: Record<string, string> = {
  'pods.txt': 'NAME                     READY   STATUS             RESTARTS   AGE\nweb-7d4b9c-abcde         1/1     Running            0          3d\napi-5f6c7d-fghij         0/1     CrashLoopBackOff   12         40m\ndb-0                     1/1     Running            1 (2d ago) 5d\n',
  'conf.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: debug\n  PORT: "8080"\n',
  'names': 'web-1\nweb-2\napi-1\n',
  'secret': 'cGFzc3dvcmQxMjM=\n',
};

const CASES: [tool: string, line: string][] = [
  ['sed', "sed -n '2,3p' pods.txt"],
  ['sed', "sed 's/Running/OK/' pods.txt"],
  ['sed', "sed -E 's/([a-z]+)-[0-9a-z]+-([a-z]+)/\\2:\\1/g' pods.txt"],
  ['sed', "sed '/CrashLoop/d' pods.txt"],
  ['sed', "sed -n '/^data:/,$p' conf.yaml"],
  ['sed', "sed 's/debug/info/;s/8080/9090/' conf.yaml"],
  ['sed', "sed -e '1d' -e 's/ \\+/ /g' pods.txt"],
  ['sed', "sed = names"],
  ['sed', "sed '2q' pods.txt"],
  ['sed', "sed 'y/abc/ABC/' names"],
  ['sed', "sed '1!G;h;$!d' names"],
  ['sed', "sed '$a\\\nend' names"],
  ['sed', "sed 's/web/&&/2' names"],
  ['sed', "sed -n '$=' pods.txt"],
  ['sed', "sed 's/a/b' names"],
  ['sed', "sed 'k' names"],
  ['sed', "sed -n 's/^  \\([A-Z_]*\\): \\(.*\\)/\\1=\\2/p' conf.yaml"],
  ['seq', 'seq 5'],
  ['seq', 'seq 2 3 11'],
  ['seq', 'seq -w 8 11'],
  ['seq', 'seq -s, 1 4'],
  ['seq', 'seq 1 0.5 3'],
  ['seq', 'seq 5 1'],
  ['seq', 'seq x'],
  ['seq', 'seq'],
  ['base64', 'base64 -d secret'],
  ['base64', 'base64 conf.yaml'],
  ['base64', 'base64 -w0 names'],
  ['base64', 'printf hello | base64'],
  ['base64', 'base64 nope'],
  ['tee', 'tee out.txt < names; cat out.txt'],
  ['tee', 'echo more | tee -a names >/dev/null; cat names'],
  ['xargs', 'xargs < names'],
  ['xargs', 'xargs -n 2 echo pod < names'],
  ['xargs', 'xargs -I{} echo "delete {} now" < names'],
  ['xargs', 'echo | xargs -r echo nothing'],
  ['xargs', 'xargs -n1 < names | wc -l'],
  ['column', 'column -t pods.txt'],
  ['column', "printf 'a:b:c\\nlonger:x:y\\n' | column -t -s:"],
  ['column', "printf 'a b\\ncc d\\n' | column -t -o ' | '"],
  ['rev', 'rev names'],
];

describe.each(CASES)('%s', (tool, line) => {
  const real = realTool(tool);
  it.skipIf(!real)(`${line}${real ? '' : ` (skipped: no ${tool} here)`}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-text-'));
    for (const [n, t] of Object.entries(FILES)) writeFileSync(join(dir, n), t);
    const theirs = runReal(realTool('bash')!, ['--norc', '-c', `exec 2>&1\n${line}`], { cwd: dir });
    const sh = fakeShell({ commands: [...textCommands, cat], files: Object.fromEntries(Object.entries(FILES).map(([n, t]) => [`/w/${n}`, t])), frame: { cwd: '/w' }, writable: ['/w'] });
    const ours = sh.run(line);
    expect(ours.output).toBe(theirs.stdout.replace(/^(\/usr\/bin\/)?bash: line \d+: /gm, 'bash: '));
    expect(ours.exitCode).toBe(theirs.status);
  });
});
