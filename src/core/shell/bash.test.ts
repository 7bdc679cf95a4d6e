/**
 * The simulated shell against GNU bash itself: each snippet runs in our interpreter and in
 * `bash -c` (when /bin/bash is here), and the output must be the same. Non-interactive bash
 * prefixes its errors with `line N: `, which an interactive one does not; that prefix is dropped.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textCommands } from '../commands/text/index.ts';
import { cat } from '../commands/node/cat/index.ts';
import { realTool, runReal } from '../../../tests/realtools.ts';
import { fakeShell } from './testEnv.ts';

const BASH = realTool('bash');

/** Snippets that use only the shell and the text filters, each checked against bash. */
export const SNIPPETS = [
  'for i in 1 2 3; do echo "n=$i"; done',
  'for p in web-{1..3}; do echo $p; done',
  'echo {a,b}{1,2} x{01..03} {c..a}',
  'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done',
  'i=5; until (( i == 0 )); do printf "%d " $i; (( i-- )); done; echo',
  'for ((i=0; i<3; i++)); do echo "i$i"; done',
  'if [[ "web-1" == web-* ]]; then echo match; else echo no; fi',
  'if [ -z "$NOPE" ] && [ -n x ]; then echo empty; fi',
  'x=abc; [[ $x =~ ^a(b)c$ ]] && echo "${BASH_REMATCH[1]}"',
  'case "CrashLoopBackOff" in Running) echo ok;; Crash*|Error) echo bad;; *) echo other;; esac',
  'f() { local n=$1; echo "hello $n ($#)"; return 3; }; f world x; echo "rc=$?"',
  'g() { echo "args: $@"; shift; echo "after: $*"; }; g a b c',
  'printf "%-10s|%5d|%05.1f|%x\\n" pod 42 3.14159 255',
  'printf "%s\\n" a b c',
  'printf "%q\\n" "a b" "it\'s"',
  'v=hello; echo ${#v} ${v:1:3} ${v^^} ${v/l/L} ${v//l/L} ${v%lo} ${v#he}',
  'p=registry/app:1.2.3; echo ${p##*/} ${p%:*} ${p#*:}',
  'echo ${UNSET:-default} ${UNSET-d2}; echo ${X:=set}; echo $X',
  'echo $((2**10)) $((7/2)) $((7%3)) $((1<<4)) $((0x1f)) $((010)) $((3>2 ? 10 : 20))',
  'a=(x y z); echo ${a[1]} ${#a[@]} "${a[@]}"',
  'cat <<EOF\nname: $HOME\nliteral \\$x\nEOF',
  "cat <<'EOF'\nname: $HOME\nEOF",
  'cat <<-EOF\n\tindented\n\tEOF',
  'grep -c b <<< "a\nb\nb"',
  'while read -r name status; do echo "$status:$name"; done <<< "web Running\ndb Pending"',
  'printf "a 1\\nb 2\\n" | while read k v; do echo "$k=$v"; done',
  '{ echo a; echo b; } | wc -l',
  '(cd /tmp && pwd); pwd',
  'echo one > /tmp/t/out.txt; echo two >> /tmp/t/out.txt; cat < /tmp/t/out.txt | wc -l',
  'ls_() { echo "$1"; }; ls_ /tmp/t/*.log',
  'echo /tmp/t/a*.log /tmp/t/nomatch*',
  'echo "$((1/0))"; echo after',
  'echo $((1+))',
  'test 1 -eq x; echo $?',
  '[ a = a ] && echo yes; [ a ]; echo $?; [ ; echo $?',
  'x=1; (x=2); echo $x',
  'set -- a b c; echo $# $2',
  'echo $(echo $(echo nested))',
  'type cd; type -t if; type nosuch; echo $?',
  'declare -f nope; echo $?',
  'for x in a b c; do if [ $x = b ]; then continue; fi; echo $x; done',
  'for x in a b c; do for y in 1 2; do [ $y = 2 ] && break 2; echo $x$y; done; done',
  'echo "a  b" $(printf "c  d")',
  "echo $'tab\\there'",
  'true && false || echo fallback',
  'x=5; echo $(( x * 2 + 1 ))',
  'n=0; for f in a b c; do n=$((n+1)); done; echo $n',
  'echo ${#}',
  'unset x; echo "[${x}]"',
  'f(){ echo in; }; f; unset -f f; f 2>&1 | grep -c "command not found"',
];

const filesFor = (dir: string) => ({ [`${dir}/a1.log`]: 'x\n', [`${dir}/a2.log`]: 'y\n', [`${dir}/b.txt`]: 'z\n' });

describe.skipIf(!BASH)(`the shell against GNU bash ${BASH ? '' : '(skipped: no /bin/bash here)'}`, () => {
  const real = mkdtempSync(join(tmpdir(), 'gauntlet-bash-'));
  it.each(SNIPPETS)('%s', (snippet) => {
    // Both shells see the same /tmp/t: a real temporary directory standing in for it.
    const dir = join(real, String(SNIPPETS.indexOf(snippet)));
    mkdirSync(dir, { recursive: true });
    for (const [p, t] of Object.entries(filesFor(dir))) writeFileSync(p, t);
    const theirs = runReal(BASH!, ['--norc', '--noprofile', '-c', `exec 2>&1\n${snippet.replaceAll('/tmp/t', dir)}`], { cwd: '/home' });
    const sh = fakeShell({ commands: [...textCommands, cat], files: filesFor('/tmp/t'), writable: ['/tmp'], dirs: ['/tmp', '/home'], frame: { cwd: '/home' } });
    const ours = sh.run(snippet.replace(/\\n/g, '\n'));
    const expected = (theirs.stdout + theirs.stderr).replaceAll(dir, '/tmp/t').replace(/^(\/usr\/bin\/)?bash: line \d+: /gm, 'bash: ');
    expect(ours.output).toBe(expected);
  });
});
