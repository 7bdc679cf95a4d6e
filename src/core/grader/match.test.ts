/**
 * Commands are recognised on their own parse record: each misreading of the old argv re-parse is
 * a case here, on a real session of sigill-node, asserting what an interviewer would count.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../tests/calibration/load.ts';
import { Session } from '../session/session.ts';
import { matches, tableRows, type CommandRecord } from './match.ts';
import { matcherProblems } from './vocabulary.ts';
import type { CommandMatcher } from './types.ts';

const scenario = loadScenario('sigill-node');
const CRASHING = "$(kubectl get pods -n production | grep CrashLoopBackOff | head -1 | awk '{print $1}')";
const PREVIOUS_LOGS: CommandMatcher = { tool: 'kubectl', verb: ['logs'], flags: ['previous'] };

/** The record of the last command of `line`, run in a fresh session after `before`. */
function run(line: string, before: string[] = []): CommandRecord {
  const s = Session.start(scenario);
  for (const l of [...before, line]) s.run(l, s.now + 2000);
  return s.commandLog[s.commandLog.length - 1];
}
const m = (matcher: CommandMatcher, r: CommandRecord) => matches(matcher, r, scenario.faultyNodes);

describe('the parse record and the matcher', () => {
  it('reads `logs POD -p=false` as not --previous, and -p, --previous, --previous=true as it', () => {
    const off = run(`kubectl logs -n production ${CRASHING} -p=false`);
    expect(off.parsed.flags.previous).toEqual(['false']);
    expect(m(PREVIOUS_LOGS, off)).toBe(false);
    for (const flag of ['-p', '--previous', '--previous=true']) expect(m(PREVIOUS_LOGS, run(`kubectl logs -n production ${CRASHING} ${flag}`)), flag).toBe(true);
  });

  it('does not take `get pods -n logs -p x` for logs --previous: get has no -p, kubectl refuses it', () => {
    const r = run('kubectl get pods -n logs -p x');
    expect(r.stderr).toBe("error: unknown shorthand flag: 'p' in -p\nSee 'kubectl get --help' for usage.\n");
    expect(r.parsed.verb).toEqual(['get']);
    expect(m(PREVIOUS_LOGS, r)).toBe(false);
    expect(m({ tool: 'kubectl', flags: ['previous'] }, r)).toBe(false);
  });

  it('reads `patch -p` as --patch and `delete -f` as --filename, as those verbs define them', () => {
    const patch = run(`kubectl patch deployment storefront -n production -p '{"spec":{"replicas":4}}'`);
    expect(patch.parsed.flags).toEqual({ namespace: ['production'], patch: ['{"spec":{"replicas":4}}'] });
    expect(patch.parsed.resources).toEqual([{ resource: 'deployments', name: 'storefront' }]);
    expect(m({ tool: 'kubectl', flags: ['previous'] }, patch)).toBe(false);
    // delete's -f is --filename (not simulated yet, so kubectl refuses it); never --follow.
    const del = run('kubectl delete -f web.yaml');
    expect(del.parsed.verb).toEqual(['delete']);
    expect(del.parsed.flags.follow).toBeUndefined();
    expect(m({ tool: 'kubectl', flags: ['follow'] }, del)).toBe(false);
  });

  it('sees `get deployment,rs` as listing Deployments and ReplicaSets', () => {
    const r = run('kubectl get deployment,rs -n production');
    expect(r.parsed.resources).toEqual([{ resource: 'deployments' }, { resource: 'replicasets' }]);
    expect(m({ tool: 'kubectl', verb: ['get'], resources: ['rs'] }, r)).toBe(true);
    expect(m({ tool: 'kubectl', verb: ['get'], resources: ['replicaset', 'deploy'] }, r)).toBe(true);
    expect(m({ tool: 'kubectl', verb: ['get'], resources: ['pods'] }, r)).toBe(false);
  });

  it('counts a `rollout status` that waited and then succeeded as streamed evidence, and Ctrl-C as interrupted', () => {
    const s = Session.start(scenario);
    s.run('kubectl rollout restart deployment/storefront -n production', s.now + 2000);
    s.run('kubectl rollout status deployment/storefront -n production', s.now + 2000);
    expect(s.following).toBe(true);
    for (let i = 0; i < 60 && s.following; i++) s.tick(s.now + 5000);
    const r = s.commandLog[s.commandLog.length - 1];
    expect(r.outcome).toBe('streamed');
    expect(r.exitCode).toBe(0);
    expect(m({ tool: 'kubectl', verb: ['rollout', 'status'], output: 'successfully rolled out' }, r)).toBe(true);

    const t = Session.start(scenario);
    t.run('kubectl rollout restart deployment/storefront -n production', t.now + 2000);
    t.run('kubectl rollout status deployment/storefront -n production', t.now + 2000);
    t.interrupt(t.now + 1000);
    const stopped = t.commandLog[t.commandLog.length - 1];
    expect(stopped.outcome).toBe('interrupted');
    expect(m({ tool: 'kubectl', verb: ['rollout', 'status'], output: 'successfully rolled out' }, stopped)).toBe(false);
  });

  it('scopes an output pattern to a table row, so a loose pattern cannot credit the wrong row', () => {
    const r = run('kubectl get pods -n production -o wide');
    expect(tableRows(r.stdout).filter((x) => x.cells.NODE === 'ip-10-42-3-208').map((x) => x.cells.STATUS)).toEqual(['CrashLoopBackOff', 'CrashLoopBackOff']);
    // Anywhere in the table, `Running` matches; on the broken node's rows it does not.
    expect(m({ tool: 'kubectl', verb: ['get'], output: 'Running' }, r)).toBe(true);
    expect(m({ tool: 'kubectl', verb: ['get'], row: { NODE: '^ip-10-42-3-208$' }, output: 'Running' }, r)).toBe(false);
    expect(m({ tool: 'kubectl', verb: ['get'], row: { NODE: '^ip-10-42-3-208$', NAME: '^ledger-api-' }, output: 'CrashLoopBackOff' }, r)).toBe(true);
  });

  it('scopes an output pattern to a JSONPath field of -o json or -o yaml', () => {
    for (const o of ['json', 'yaml']) {
      const r = run(`kubectl get deployment ledger-api -n production -o ${o}`);
      expect(m({ tool: 'kubectl', verb: ['get'], jsonpath: '.spec.replicas', output: '^8$' }, r), o).toBe(true);
      expect(m({ tool: 'kubectl', verb: ['get'], jsonpath: '.status.availableReplicas', output: '^8$' }, r), o).toBe(false);
    }
  });

  it('records the generic parse from a tool\'s own flag table, and does not match a command that was not found', () => {
    const s = Session.start(scenario);
    s.run('ssh ip-10-42-3-208', s.now + 1000);
    s.run('journalctl -k -n 5 --no-pager', s.now + 1000);
    const j = s.commandLog[s.commandLog.length - 1];
    expect(j.parsed).toEqual({ tool: 'journalctl', verb: [], flags: { dmesg: ['true'], lines: ['5'], 'no-pager': ['true'] }, args: [] });
    expect(m({ tool: 'journalctl', flags: ['dmesg'], on: 'faulty-node' }, j)).toBe(true);
    const missing = run('kubeclt get pods');
    expect(missing.exitCode).toBe(127);
    expect(m({ tool: 'kubeclt' }, missing)).toBe(false);
  });
});

describe('matcherProblems (the scenario validator)', () => {
  // The check's own suggestion wording is tested in scenario/check; here only what is refused, and where.
  const problems = (m: Parameters<typeof matcherProblems>[0]) => matcherProblems(m, () => 'did you mean …').map((p) => `${p.field.join('.')}: ${p.message}`);
  it('rejects a tool, a verb or a flag the command registry does not have', () => {
    expect(problems({ tool: 'kubectl', verb: ['logs'], flags: ['previous'] })).toEqual([]);
    expect(problems({ tool: 'kubectl', verb: ['rollout', 'status'] })).toEqual([]);
    expect(problems({ tool: 'etcdctl', verb: ['endpoint', 'status'], flags: ['cluster'] })).toEqual([]);
    expect(problems({ tool: 'journalctl', flags: ['dmesg'] })).toEqual([]);
    expect(problems({ tool: 'ssh', args: ['ip-10-42-3-208'] })).toEqual([]);
    expect(problems({ tool: 'kubctl' })).toEqual(['tool: no tool "kubctl" in the simulator — did you mean …']);
    expect(problems({ tool: 'kubectl', verb: ['logz'] })).toEqual(['verb.0: kubectl has no sub-command "logz" — did you mean …']);
    expect(problems({ tool: 'kubectl', verb: ['logs'], flags: ['prevous'] })).toEqual(['flags.0: "kubectl logs" has no flag --prevous — did you mean …']);
    expect(problems({ tool: 'kubectl', verb: ['get'], flags: ['previous'] })).toEqual(['flags.0: "kubectl get" has no flag --previous — did you mean …']);
    expect(problems({ tool: 'etcdctl', verb: ['alarm', 'off'] })).toEqual(['verb.1: etcdctl alarm has no sub-command "off" — did you mean …']);
    expect(problems({ tool: 'df', flags: ['inode'] })).toEqual(['flags.0: "df" has no flag --inode — did you mean …']);
    expect(problems({ tool: 'dmesg', verb: ['show'] })).toEqual(['verb: dmesg has no sub-commands — drop `verb` (match positionals with `args`)']);
  });
});
