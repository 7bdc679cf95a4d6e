/**
 * A live interview's variant: drawn at creation and stored with the session, so the candidate's
 * browser, the interviewers' and the server's grader all play the same one, and the reference
 * solution written against the file's names earns the same grades on it as on the file as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../core/session/session.ts';
import { playScript } from '../core/session/script.ts';
import { ATTEMPT_SEEDS, planVariant, variantOf } from '../core/scenario/variants.ts';
import type { ServerFrame } from '../live/protocol.ts';
import { playableScenario } from '../live/playable.ts';
import { createLive, startTestServer, TestClient, type TestServer } from '../../tests/live/harness.ts';

type Welcome = Extract<ServerFrame, { type: 'welcome' }>;

let server: TestServer;
beforeAll(async () => {
  // No pinned seed: each session draws its own, as in production.
  server = await startTestServer({ seed: undefined, linkTtlMs: 3_600_000 });
}, 60_000);
afterAll(() => server?.close());

const solution = readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'sigill-node.solution.txt'), 'utf8');

describe('a live session\'s variant', () => {
  it('is drawn at creation, stored, and played alike by the candidate, the interviewers and the server\'s grader', async () => {
    const t = await createLive(server.base, { scenario: 'sigill-node' });
    const [row] = await server.db.query<{ id: string; seed: number }>('select id, seed from live_sessions where candidate_token = $1', [t.candidateToken]);
    expect(ATTEMPT_SEEDS).toContain(Number(row.seed));
    const written = server.hub.book.get('sigill-node')!.scenario;
    const { scenario: variant, variant: plan } = variantOf(written, Number(row.seed));

    const candidate = await TestClient.open(server.ws, t.candidateToken);
    const interviewer = await TestClient.open(server.ws, t.interviewerToken);
    const cw = candidate.frames[0] as Welcome;
    const iw = interviewer.frames[0] as Welcome;
    // Both get the variant (renamed) and its renames for the prose; the candidate still only the public part.
    const faulty = plan.rename('ip-10-42-3-208');
    expect(faulty).not.toBe('ip-10-42-3-208');
    expect(cw.scenario.cluster.nodes.map((n) => n.name)).toEqual(variant.cluster.nodes.map((n) => n.name));
    expect(iw.scenario.cluster.nodes.map((n) => n.name)).toContain(faulty);
    expect(cw.renames).toEqual(plan.renames);
    expect(iw.renames).toEqual(plan.renames);
    expect(JSON.stringify(cw)).not.toContain('"rubric"');

    // The candidate's browser plays the public part it got; the server grades with the variant's rubric.
    const played = Session.start(playableScenario(cw.scenario as Parameters<typeof playableScenario>[0]));
    playScript(played, plan.rename(solution));
    candidate.send({ type: 'inputs', from: 0, inputs: played.inputs });
    await candidate.next((f) => f.type === 'ack' && f.count === played.inputs.length, 0, 20_000);
    const room = await server.hub.room(row.id);
    const text = (s: Session) => s.transcript.map((e) => e.prompt + e.line + '\n' + e.output).join('');
    expect(text(room.session)).toBe(text(played));
    // Columns widen with the longest name, which differs by variant: any run of spaces.
    expect(text(room.session)).toMatch(new RegExp(`${faulty} +Ready`));

    // The reference solution earns on this variant what it earns on the file as written, round by round.
    const asWritten = Session.start(written);
    playScript(asWritten, solution);
    expect(room.session.results.map((r) => [r.round, r.score])).toEqual(asWritten.results.map((r) => [r.round, r.score]));
    expect(room.session.results).toHaveLength(written.rounds.length);
    candidate.close();
    interviewer.close();
  }, 120_000);

  it('keeps a pinned seed (GAUNTLET_SEED) for every new session', async () => {
    const pinned = await startTestServer({ seed: 2, db: server.db });
    try {
      const t = await createLive(pinned.base, { scenario: 'sigill-node' });
      const c = await TestClient.open(pinned.ws, t.candidateToken);
      expect((c.frames[0] as Welcome).renames).toEqual(planVariant(pinned.hub.book.get('sigill-node')!.scenario, 2).renames);
      c.close();
    } finally {
      await pinned.close();
    }
  }, 60_000);
});
