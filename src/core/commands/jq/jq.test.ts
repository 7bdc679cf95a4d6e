/**
 * jq in the shell: the real program (jq 1.7 built to WebAssembly) reading kubectl's JSON through
 * a pipe, files on the laptop, its own usage and error messages and exit statuses. Where jq is
 * installed on this machine, the filters engineers use are run through both and compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { realTool, runReal } from '../../../../tests/realtools.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function terminating() {
  const r = parseScenario('scenarios/terminating.yaml', readFileSync(join(root, 'scenarios', 'terminating.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('jq on the laptop', () => {
  it('lists the pods being deleted from kubectl get -o json (the terminating opening)', () => {
    const s = terminating();
    const r = s.run(`kubectl get pods -A -o json | jq -r '.items[] | select(.metadata.deletionTimestamp) | .metadata.namespace + "/" + .metadata.name'`);
    expect(r.output).toBe(
      'dispatch/route-planner-7889fdd4fb-96fht\ndispatch/route-planner-7889fdd4fb-fqjqd\n' +
      'dispatch/route-planner-7889fdd4fb-p9fbv\ndispatch/route-planner-7889fdd4fb-xs5f8\nledger/ledger-db-0\n');
    expect(s.run('echo $?').output).toBe('0\n');
  });

  it('prints finalizers, keys, lengths and compact maps as jq formats them', () => {
    const s = terminating();
    expect(s.run(`kubectl get ns ledger -o json | jq '.spec.finalizers'`).output).toBe('[\n  "kubernetes"\n]\n');
    expect(s.run(`kubectl get ns ledger -o json | jq -c '.metadata | keys'`).output).toMatch(/^\["creationTimestamp",.*"name".*\]\n$/);
    expect(s.run(`kubectl get ns -o json | jq '.items | length'`).output).toBe('7\n');
    expect(s.run(`kubectl get ns -o json | jq -c '.items | map(.metadata.name)'`).output)
      .toBe('["default","dispatch","kube-node-lease","kube-public","kube-system","ledger","relay-system"]\n');
    expect(s.run(`kubectl get ns -o json | jq --arg ns ledger -r '.items[] | select(.metadata.name == $ns) | .status.phase'`).output).toBe('Active\n');
  });

  it('filters with . when piped and no filter is given, prints its usage (exit 2) when run alone', () => {
    const s = terminating();
    expect(s.run(`echo '{"a":[1,2]}' | jq`).output).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}\n');
    const alone = s.run('jq');
    expect(alone.output.split('\n').slice(0, 2)).toEqual(['Usage:\tjq [options] <jq filter> [file...]', '\tjq [options] --args <jq filter> [strings...]']);
    expect(alone.output.endsWith('Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n')).toBe(true);
    expect(s.run('echo $?').output).toBe('2\n');
  });

  it('reports runtime errors after the output before them (exit 5), compile errors with exit 3', () => {
    const s = terminating();
    expect(s.run(`echo '{"a":[1,2,"x",4]}' | jq '.a[] | . + 1'`).output)
      .toBe('2\n3\njq: error (at <stdin>:1): string ("x") and number (1) cannot be added\n');
    expect(s.run('echo $?').output).toBe('5\n');
    expect(s.run(`echo '{}' | jq '.items[]'`).output).toBe('jq: error (at <stdin>:1): Cannot iterate over null (null)\n');
    expect(s.run(`echo '{}' | jq '.items[] | select(.x'`).output).toBe(
      "jq: error: syntax error, unexpected end of file, expecting ';' or ')' (Unix shell quoting issues?) at <top-level>, line 1:\n" +
      '.items[] | select(.x                  \njq: 1 compile error\n');
    expect(s.run('echo $?').output).toBe('3\n');
  });

  it('answers a table piped into it with a parse error, and -e with exit 1 on null', () => {
    const s = terminating();
    expect(s.run('kubectl get ns | jq .').output).toBe('jq: parse error: Invalid numeric literal at line 1, column 5\n');
    expect(s.run('echo $?').output).toBe('5\n');
    expect(s.run(`kubectl get ns ledger -o json | jq -e '.metadata.deletionTimestamp'`).output).toBe('null\n');
    expect(s.run('echo $?').output).toBe('1\n');
  });

  it('reads files the shell wrote and names a missing one as jq does (exit 2)', () => {
    const s = terminating();
    s.run('kubectl get ns ledger -o json > /tmp/ns.json');
    expect(s.run('jq -r .metadata.name /tmp/ns.json').output).toBe('ledger\n');
    expect(s.run('jq -r .metadata.name /tmp/none.json').output).toBe('jq: error: Could not open /tmp/none.json: No such file or directory\n');
    expect(s.run('echo $?').output).toBe('2\n');
    expect(s.run('jq --version').output).toBe('jq-1.7.1\n');
    expect(s.run('jq -Z .').output).toBe('jq: Unknown option -Z\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n');
  });

  it('records what it parsed for the grader', () => {
    const s = terminating();
    s.run(`kubectl get pod ledger-db-0 -n ledger -o json | jq -r '.metadata.finalizers'`);
    const rec = s.commandLog.at(-1)!;
    expect(rec.parsed).toMatchObject({ tool: 'jq', flags: { 'raw-output': ['true'] }, args: ['.metadata.finalizers'] });
  });
});

const realJq = realTool('jq');
describe.skipIf(!realJq)(`jq's output matches the installed jq on kubectl's JSON${realJq ? '' : ' (skipped: no jq on this machine)'}`, () => {
  const filters: string[][] = [
    ['.items[] | select(.metadata.deletionTimestamp != null) | .metadata.name', '-r'],
    ['.items[0].metadata'],
    ['.items[] | {name: .metadata.name, phase: .status.phase}', '-c'],
    ['[.items[] | .spec.nodeName] | group_by(.) | map({node: .[0], n: length})', '-c'],
    ['.items[] | [.metadata.name, (.status.containerStatuses // [] | map(.restartCount) | add)] | @tsv', '-r'],
    ['.items | map(select(.metadata.finalizers)) | length'],
    ['.items[0] | keys'],
    ['.items[0].metadata.labels | to_entries', '-S'],
  ];
  it.each(filters.map((f) => ({ filter: f[0], flags: f.slice(1) })))('jq $flags $filter', ({ filter, flags }) => {
    const s = terminating();
    s.run('kubectl get pods -A -o json > /tmp/pods.json');
    const json = s.run('cat /tmp/pods.json').output;
    const ours = s.run(`jq ${flags.join(' ')} '${filter}' /tmp/pods.json`);
    const theirs = runReal(realJq!, [...flags, filter], { input: json });
    expect(ours.output).toBe(theirs.stdout);
    expect(s.run("echo $?").output).toBe(`${theirs.status}\n`);
  });
});
