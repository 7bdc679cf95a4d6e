/**
 * Streaming commands on the virtual clock: `kubectl get -w`, `watch`. They print as the cluster
 * moves, and what they print depends on virtual time alone: a session ticked every second and
 * one ticked once print the same (so the input log may coalesce ticks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from './session.ts';

const root = join(import.meta.dirname, '..', '..', '..');
function scenario() {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(root, 'scenarios', 'crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('streaming commands', () => {
  it('kubectl get pods -w prints the listing, then a row per change, until Ctrl-C', () => {
    const s = Session.start(scenario());
    const listing = s.run('kubectl get pods -A -w');
    expect(listing.following).toBe(true);
    expect(listing.output).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE\n/);
    const t0 = s.now;
    const later = s.tick(t0 + 5 * 60_000).output;
    expect(later).not.toMatch(/NAMESPACE/);
    expect(later.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    for (const row of later.split('\n').filter(Boolean)) expect(row).toMatch(/^\S+ +\S+ +\d+\/\d+ +\S+ +\d+( \(\S+ ago\))? +\S+$/);
    expect(s.interrupt().output).toBe('^C\n');
    expect(s.run('echo $?').output).toBe('130\n');
  });

  it('--request-timeout ends a watch quietly when it passes: the events seen until then, no ^C, exit 0', () => {
    const s = Session.start(scenario());
    const listing = s.run('kubectl get pods -n identity -w --request-timeout=2s');
    expect(listing.following).toBe(true);
    const t0 = s.now;
    expect(s.tick(t0 + 1000).following).toBe(true);
    const after = s.tick(t0 + 60_000);
    expect(after.following).toBe(false);
    // Only what changed in the first two seconds, and nothing when the watch closed.
    const alone = Session.start(scenario());
    alone.run('kubectl get pods -n identity -w');
    const twoSeconds = alone.tick(alone.now + 2000).output;
    expect(s.transcript.at(-1)!.output).toBe(listing.output + twoSeconds);
    expect(s.run('echo $?').output).toBe('0\n');
  });

  it('--watch-only prints no listing; a missing type is refused as without -w', () => {
    const s = Session.start(scenario());
    expect(s.run('kubectl get pods --watch-only').output).toBe('');
    s.interrupt();
    expect(s.run('kubectl get nosuch -w')).toMatchObject({ following: false, output: 'error: the server doesn\'t have a resource type "nosuch"\n' });
  });

  it('prints the same whether the clock moved in one tick or in many', () => {
    const a = Session.start(scenario());
    const b = Session.start(scenario());
    const line = 'kubectl get pods -A -w';
    a.run(line);
    b.run(line);
    const t0 = a.now;
    for (let t = 1; t <= 300; t++) a.tick(t0 + t * 1000);
    b.tick(t0 + 300_000);
    expect(b.transcript.at(-1)!.output).toBe(a.transcript.at(-1)!.output);
  });

  it('kubectl events -A -w lists, then prints each new or repeated event as it happens', () => {
    const s = Session.start(scenario());
    const first = s.run('kubectl events -A -w');
    expect(first.following).toBe(true);
    expect(first.output).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
    const more = s.tick(s.now + 10 * 60_000).output;
    expect(more).toMatch(/^identity +.+ +(Normal|Warning) +\w+ +Pod\/auth-service-/m);
    expect(more).not.toMatch(/LAST SEEN/);
  });

  it('watch reruns the command every interval with its header, until Ctrl-C', () => {
    const s = Session.start(scenario());
    const first = s.run('watch -n 5 "kubectl get deploy -A | wc -l"');
    expect(first.following).toBe(true);
    const lines = first.output.split('\n');
    expect(lines[0]).toMatch(/^Every 5\.0s: kubectl get deploy -A \| wc -l +laptop: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(lines[0].length).toBe(80);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^\d+$/);
    const more = s.tick(s.now + 12_000).output;
    expect(more.match(/Every 5\.0s/g)).toHaveLength(2);
    s.interrupt();
    expect(s.run('watch')).toMatchObject({ following: false });
    expect(s.run('watch -n x ls').output).toBe("watch: failed to parse argument: 'x'\n");
  });
});
