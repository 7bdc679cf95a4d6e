/** `kubectl alpha` in a session: kubectl 1.33 has no alpha commands and says so on stderr, exit 0. */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

/** Each line's output (stdout and stderr as the terminal shows them) and its `$?`. */
const typed = (lines: string[], s = Session.start(load('crashloop.yaml'))) => lines.map((l) => {
  const out = s.run(l).output;
  return { out, rc: Number(s.run('echo $?').output.trim()) };
});

const NOTICE = { out: 'No alpha commands are available in this version of kubectl\n', rc: 0 };

describe('kubectl alpha', () => {
  it('prints the notice for the bare command, --help, -h, help alpha and any word after it', () => {
    expect(typed(['kubectl alpha', 'kubectl alpha --help', 'kubectl alpha -h', 'kubectl help alpha', 'kubectl alpha events'])).toEqual([NOTICE, NOTICE, NOTICE, NOTICE, NOTICE]);
  });

  it('writes the notice to stderr, not stdout', () => {
    expect(typed(['kubectl alpha 2>/dev/null', 'kubectl alpha 2>&1 >/dev/null | wc -l'])).toEqual([{ out: '', rc: 0 }, { out: '1\n', rc: 0 }]);
  });

  it('refuses an unknown flag as pflag does', () => {
    expect(typed(['kubectl alpha --bogus'])).toEqual([{ out: "error: unknown flag: --bogus\nSee 'kubectl alpha --help' for usage.\n", rc: 1 }]);
  });
});
