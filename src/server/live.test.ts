/**
 * The live-session server through its real HTTP API and WebSocket, over an embedded database:
 * links and tokens, frame validation and rate limits, the candidate's inputs stored, replayed and
 * fanned out (duplicates dropped, gaps and disallowed inputs refused), interviewer controls, and the
 * report and replay exports.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../core/session/session.ts';
import type { Input, TranscriptEntry } from '../core/session/types.ts';
import type { LiveInfo, ServerFrame } from '../live/protocol.ts';
import type { LiveReport } from '../live/report.ts';
import { createLive, startTestServer, TestClient, type TestServer } from '../../tests/live/harness.ts';

type Welcome = Extract<ServerFrame, { type: 'welcome' }>;
type InterviewerWelcome = Extract<Welcome, { role: 'interviewer' }>;

let server: TestServer;
let clock = 1_800_000_000_000;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock, linkTtlMs: 3_600_000 });
}, 60_000);
afterAll(() => server?.close());

const T0 = Date.UTC(2026, 2, 12, 14, 5, 0);
const cmd = (line: string, s: number): Input => ({ type: 'command', at: T0 + s * 1000, line });

async function pair() {
  const t = await createLive(server.base, { scenario: 'sigill-node', candidateName: 'Ada', timeLimitMin: 30 });
  const candidate = await TestClient.open(server.ws, t.candidateToken);
  const interviewer = await TestClient.open(server.ws, t.interviewerToken);
  return { ...t, candidate, interviewer };
}

const errors = (c: TestClient) => c.frames.filter((f): f is Extract<ServerFrame, { type: 'error' }> => f.type === 'error');

describe('links and tokens', () => {
  it('gives two independent 256-bit tokens; only the candidate token is stored, the interviewer one as a hash', async () => {
    const t = await createLive(server.base);
    for (const token of [t.candidateToken, t.interviewerToken]) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(t.candidateToken).not.toBe(t.interviewerToken);
    const rows = await server.db.query('select * from live_sessions');
    const dump = JSON.stringify(rows);
    expect(dump).toContain(t.candidateToken);
    expect(dump).not.toContain(t.interviewerToken);
  });

  it('makes the interviewer token independent of the candidate token: no transform of one gives the other, and their bits agree by chance only', async () => {
    const bits = (b: Buffer) => [...b].map((x) => x.toString(2).padStart(8, '0')).join('');
    let agree = 0;
    let total = 0;
    for (let i = 0; i < 40; i++) {
      const t = await createLive(server.base);
      const c = Buffer.from(t.candidateToken, 'base64url');
      const transforms = [
        t.candidateToken, [...t.candidateToken].reverse().join(''),
        createHash('sha256').update(t.candidateToken).digest('base64url'), createHash('sha256').update(c).digest('base64url'),
        createHash('sha256').update(t.candidateToken).digest('hex').slice(0, 43),
      ];
      expect(transforms).not.toContain(t.interviewerToken);
      // No run of 8 characters in common (a token built from the other would share some).
      for (let k = 0; k + 8 <= 43; k++) expect(t.interviewerToken).not.toContain(t.candidateToken.slice(k, k + 8));
      const [a, b] = [bits(c), bits(Buffer.from(t.interviewerToken, 'base64url'))];
      for (let k = 0; k < a.length; k++) agree += a[k] === b[k] ? 1 : 0;
      total += a.length;
    }
    // 10,240 bit pairs: independent tokens agree on half of them, give or take 2% (over 4 standard deviations).
    expect(Math.abs(agree / total - 0.5)).toBeLessThan(0.02);
  });

  it('answers a wrong token with 404 and a plain message, and an expired one with 410, never with session data', async () => {
    const t = await createLive(server.base);
    const wrong = await fetch(`${server.base}/api/live/${t.candidateToken.slice(0, -2)}xx`);
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ problem: 'unknown', error: expect.stringContaining('not valid') });
    const ok = await fetch(`${server.base}/api/live/${t.interviewerToken}`);
    expect(((await ok.json()) as { role: string }).role).toBe('interviewer');
    clock += 3_600_001;
    try {
      const expired = await fetch(`${server.base}/api/live/${t.candidateToken}`);
      expect(expired.status).toBe(410);
      expect(await expired.json()).toEqual({ problem: 'expired', error: expect.stringContaining('expired') });
      const ws = await TestClient.open(server.ws, t.interviewerToken);
      expect(ws.frames).toEqual([{ type: 'error', code: 'expired', message: expect.stringContaining('expired') }]);
      // A garbled link (cut short, or far too long) is a wrong link too, not a frame to retry.
      for (const token of ['abc', 'x'.repeat(300)]) {
        const garbled = await TestClient.open(server.ws, token);
        expect(garbled.frames).toEqual([{ type: 'error', code: 'unknown', message: expect.stringContaining('not valid') }]);
      }
      const report = await fetch(`${server.base}/api/live/${t.interviewerToken}/report.json`);
      expect(report.status).toBe(410);
    } finally {
      clock -= 3_600_001;
    }
  });

  it('sends the candidate only the public scenario and the interviewer the rubric', async () => {
    const { candidate, interviewer } = await pair();
    const c = candidate.frames[0] as Welcome;
    const i = interviewer.frames[0] as Welcome;
    expect(c.role).toBe('candidate');
    expect(JSON.stringify(c)).not.toContain('"rubric"');
    expect(JSON.stringify(c)).not.toContain('seniorPath');
    expect(c.scenario.rounds[0]).toHaveProperty('hintCosts');
    expect(i.role).toBe('interviewer');
    expect(JSON.stringify(i.scenario)).toContain('"rubric"');
  });
});

describe('frames', () => {
  it('answers malformed, unknown, oversized and out-of-role frames with error frames and stays open', async () => {
    const { candidate } = await pair();
    candidate.send('not json');
    candidate.send({ type: 'inputs', from: 0, inputs: [{ type: 'command', at: -1, line: 'x' }] });
    candidate.send({ type: 'teleport' });
    candidate.send({ type: 'draft', round: 'r', text: 'x'.repeat(70_000) });
    candidate.send({ type: 'end', share: true });
    candidate.send({ type: 'ping' });
    await candidate.next((f) => f.type === 'pong');
    expect(errors(candidate).map((e) => e.code)).toEqual(['malformed', 'malformed', 'malformed', 'too-large', 'not-allowed']);
    expect(errors(candidate)[1].message).toMatch(/^inputs\.0\.at: /);
  });

  it('limits the frames a connection may send', async () => {
    const { interviewer } = await pair();
    for (let i = 0; i < 200; i++) interviewer.send({ type: 'ping' });
    // Every frame gets one answer: a pong, or a rate-limited error once the burst is spent.
    const answered = () => interviewer.frames.filter((f) => f.type === 'pong' || (f.type === 'error' && f.code === 'rate-limited')).length;
    for (let i = 0; i < 100 && answered() < 200; i++) await new Promise((ok) => setTimeout(ok, 50));
    expect(answered()).toBe(200);
    const pongs = interviewer.frames.filter((f) => f.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(100);
    expect(pongs).toBeLessThan(200);
  });
});

describe('the input log', () => {
  it('stores, acknowledges and fans out inputs; the server and interviewer replays match the candidate', async () => {
    const { candidate, interviewer, candidateToken } = await pair();
    const inputs = [cmd('kubectl get pods -n production -o wide', 5), cmd('kubectl get nodes', 9)];
    candidate.send({ type: 'inputs', from: 0, inputs });
    expect(await candidate.next((f) => f.type === 'ack')).toEqual({ type: 'ack', count: 2 });
    expect(await interviewer.next((f) => f.type === 'inputs')).toEqual({ type: 'inputs', from: 0, inputs });
    // A resend after a reconnect is acknowledged and not stored twice.
    const n = candidate.frames.length;
    candidate.send({ type: 'inputs', from: 0, inputs: [...inputs, cmd('kubectl get nodes', 12)] });
    expect(await candidate.next((f) => f.type === 'ack', n)).toEqual({ type: 'ack', count: 3 });
    const again = await TestClient.open(server.ws, candidateToken);
    const welcome = again.frames[0] as Welcome;
    expect(welcome.inputs).toHaveLength(3);
    // Byte for byte as sent (jsonb reorders keys; the server restores the order), so clients can compare logs.
    expect(JSON.stringify(welcome.inputs.slice(0, 2))).toBe(JSON.stringify(inputs));
    const room = await server.hub.room((await server.db.query<{ id: string }>('select id from live_sessions where candidate_token = $1', [candidateToken]))[0].id);
    const expected = Session.replay(room.entry.scenario, welcome.inputs);
    const text = (t: readonly TranscriptEntry[]) => t.map((e) => e.prompt + e.line + '\n' + e.output).join('');
    expect(text(room.session.transcript)).toBe(text(expected.transcript));
    expect(text(room.session.transcript)).toContain('ip-10-42-3-208');
  });

  it('refuses a gap, an input back in time, an answer to another round, an unreleased hint and an answer while held', async () => {
    const { candidate, interviewer } = await pair();
    const welcome = interviewer.frames[0] as InterviewerWelcome;
    const [r1, r2] = welcome.scenario.rounds;
    candidate.send({ type: 'inputs', from: 3, inputs: [cmd('ls', 1)] });
    candidate.send({ type: 'inputs', from: 0, inputs: [cmd('ls', 5), cmd('ls', 4)] });
    candidate.send({ type: 'inputs', from: 1, inputs: [{ type: 'answer', at: T0 + 6000, round: r2.id, text: 'x' }] });
    candidate.send({ type: 'inputs', from: 1, inputs: [{ type: 'hint', at: T0 + 6000, round: r1.id }] });
    await candidate.next((f) => f.type === 'error' && f.code === 'rejected' && /hint/.test(f.message));
    expect(errors(candidate).map((e) => [e.code, e.expected])).toEqual([['gap', 0], ['rejected', 1], ['rejected', 1], ['rejected', 1]]);
    expect(errors(candidate).map((e) => e.message)).toEqual([
      'inputs from 3 but the server has 0', 'input 1 goes back in time', `answer to round ${r2.id}, but the round is ${r1.id}`, 'no hint was released',
    ]);
    // Released, the hint is accepted; held, the answer is not; moved on, it is.
    interviewer.send({ type: 'hint', round: r1.id });
    const info = (await candidate.next<Extract<ServerFrame, { type: 'info' }>>((f) => f.type === 'info' && Object.keys(f.info.hints).length > 0)).info;
    expect(info.hints[r1.id]).toEqual([r1.rubric.hints[0].text]);
    interviewer.send({ type: 'hold', held: true });
    await candidate.next((f) => f.type === 'info' && f.info.held);
    const n = candidate.frames.length;
    candidate.send({ type: 'inputs', from: 1, inputs: [{ type: 'hint', at: T0 + 7000, round: r1.id }, { type: 'answer', at: T0 + 8000, round: r1.id, text: 'x' }] });
    expect(await candidate.next((f) => f.type === 'error', n)).toMatchObject({ code: 'rejected', message: 'the interviewer is holding this round', expected: 2 });
    interviewer.send({ type: 'advance', round: r1.id });
    await candidate.next((f) => f.type === 'info' && f.info.advanced.includes(r1.id));
    candidate.send({ type: 'inputs', from: 2, inputs: [{ type: 'answer', at: T0 + 8000, round: r1.id, text: 'x' }] });
    expect(await candidate.next((f) => f.type === 'ack' && f.count === 3)).toBeTruthy();
  });
});

describe('rooms', () => {
  it('stay loaded while everyone reconnects (a reload does not replay the whole log again), and load a long log from the database in order', async () => {
    const { candidate, interviewer, candidateToken } = await pair();
    const inputs = Array.from({ length: 60 }, (_, i) => cmd(i % 2 ? 'kubectl get nodes' : 'kubectl get pods -n production', 5 + i));
    candidate.send({ type: 'inputs', from: 0, inputs });
    await candidate.next((f) => f.type === 'ack' && f.count === 60);
    const id = (await server.db.query<{ id: string }>('select id from live_sessions where candidate_token = $1', [candidateToken]))[0].id;
    const before = await server.hub.room(id);
    for (const c of [candidate, interviewer]) c.close();
    await new Promise((ok) => setTimeout(ok, 100));
    const back = await TestClient.open(server.ws, candidateToken);
    expect(await server.hub.room(id)).toBe(before);
    back.close();
    // A room loaded afresh (another process, or after a restart) replays the stored log to the same transcript.
    const { Room } = await import('./hub.ts');
    const fresh = await Room.load(server.hub, id);
    expect(fresh.session.transcript.map((e) => e.output)).toEqual(before.session.transcript.map((e) => e.output));
    expect(fresh.session.inputs).toHaveLength(60);
  });
});

describe('interviewers', () => {
  it('share notes and marks between co-interviewers, end the session, and export the report and the replay', async () => {
    const { candidate, interviewer, interviewerToken, candidateToken } = await pair();
    const co = await TestClient.open(server.ws, interviewerToken);
    const welcome = interviewer.frames[0] as InterviewerWelcome;
    const r1 = welcome.scenario.rounds[0];
    candidate.send({ type: 'start' });
    candidate.send({ type: 'inputs', from: 0, inputs: [cmd('kubectl get pods -n production -o wide', 5), { type: 'answer', at: T0 + 30_000, round: r1.id, text: 'CrashLoopBackOff: the container keeps exiting and kubelet restarts it with back-off.' }] });
    await candidate.next((f) => f.type === 'ack');
    interviewer.send({ type: 'note', text: 'Went straight to -o wide.', author: 'Grace' });
    const note = await co.next<Extract<ServerFrame, { type: 'notes' }>>((f) => f.type === 'notes');
    expect(note.notes).toEqual([{ id: expect.any(Number), at: clock, seq: 2, author: 'Grace', text: 'Went straight to -o wide.' }]);
    co.send({ type: 'override', round: r1.id, score: 70, reason: '' });
    expect(await co.next((f) => f.type === 'error')).toMatchObject({ code: 'no-reason' });
    co.send({ type: 'override', round: r1.id, score: 70, reason: 'Said it aloud' });
    co.send({ type: 'concept', round: r1.id, concept: r1.rubric.concepts[0].id, met: true });
    await interviewer.next((f) => f.type === 'marks' && Object.keys(f.marks[r1.id]?.concepts ?? {}).length > 0);
    // Not shared: the candidate cannot read the report.
    interviewer.send({ type: 'end', share: false });
    const ended = await candidate.next<Extract<ServerFrame, { type: 'info' }>>((f) => f.type === 'info' && f.info.status === 'ended');
    expect(ended.info satisfies LiveInfo).toMatchObject({ status: 'ended', shared: false });
    expect((await fetch(`${server.base}/api/live/${candidateToken}/report.json`)).status).toBe(403);
    const n = candidate.frames.length;
    candidate.send({ type: 'inputs', from: 2, inputs: [cmd('ls', 40)] });
    expect(await candidate.next((f) => f.type === 'error', n)).toMatchObject({ code: 'ended' });

    const md = await (await fetch(`${server.base}/api/live/${interviewerToken}/report.md`)).text();
    expect(md).toContain('# Report: Pods crash-looping on one node');
    expect(md).toMatch(new RegExp(`\\| ${r1.title} \\| \\d+ \\| \\d+ \\| 70 \\| Said it aloud \\|`));
    expect(md).toContain(`- [x] ${r1.rubric.concepts[0].label}`);
    expect(md).toContain(', after input 2, Grace: Went straight to -o wide.');
    const cast = (await (await fetch(`${server.base}/api/live/${interviewerToken}/cast`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(cast[0]).toMatchObject({ version: 2, width: 120, height: 36 });
    const out = cast.slice(1).filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    expect(out).toContain('learner@laptop:~$ kubectl get pods -n production -o wide\r\n');
    expect(cast.slice(1).filter((e) => e[1] === 'm').map((e) => e[2])).toContainEqual(`Answer: round 1, ${r1.title}`);
    expect((await fetch(`${server.base}/api/live/${candidateToken}/cast`)).status).toBe(403);

    // Shared afterwards: the candidate gets the report without the notes.
    interviewer.send({ type: 'share', share: true });
    await candidate.next((f) => f.type === 'info' && f.info.shared);
    const shared = (await (await fetch(`${server.base}/api/live/${candidateToken}/report.json`)).json()) as { notes?: unknown; rounds: { interviewerScore: number }[] };
    expect(shared.notes).toBeUndefined();
    expect(shared.rounds[0].interviewerScore).toBe(70);

    const list = (await (await fetch(`${server.base}/api/live/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokens: [interviewerToken, candidateToken] }) })).json()) as { token: string; inputs: number; candidateName: string }[];
    expect(list).toEqual([expect.objectContaining({ token: interviewerToken, inputs: 2, candidateName: 'Ada' })]);
  });

  it('move the score with concept marks: ticking raises, unticking lowers, in the report and its exports', async () => {
    const { candidate, interviewer, interviewerToken } = await pair();
    const r1 = (interviewer.frames[0] as InterviewerWelcome).scenario.rounds[0];
    candidate.send({ type: 'inputs', from: 0, inputs: [cmd('kubectl get pods -n production', 5), { type: 'answer', at: T0 + 30_000, round: r1.id, text: 'CrashLoopBackOff: the container keeps exiting and kubelet restarts it with back-off.' }] });
    await candidate.next((f) => f.type === 'ack');
    const report = async () => (await (await fetch(`${server.base}/api/live/${interviewerToken}/report.json`)).json()) as LiveReport;
    const before = (await report()).rounds[0];
    expect(before).toMatchObject({ conceptScore: null, interviewerScore: null });

    interviewer.send({ type: 'concept', round: r1.id, concept: 'previous-logs', met: true });
    await interviewer.next((f) => f.type === 'marks' && f.marks[r1.id]?.concepts['previous-logs'] === true);
    const ticked = await report();
    expect(ticked.rounds[0].conceptScore).toBeGreaterThan(before.graderScore);
    expect(ticked.rounds[0].interviewerScore).toBe(ticked.rounds[0].conceptScore);
    expect(ticked.interviewerTotal).toBeGreaterThan(ticked.report.score);
    const md = await (await fetch(`${server.base}/api/live/${interviewerToken}/report.md`)).text();
    expect(md).toContain(`| ${r1.title} | ${before.graderScore} | ${ticked.rounds[0].conceptScore} | ${ticked.rounds[0].conceptScore} | concept marks |`);
    expect(md).toContain(`Overall: grader ${ticked.report.score}/100, interviewers ${ticked.interviewerTotal}/100.`);

    interviewer.send({ type: 'concept', round: r1.id, concept: 'previous-logs', met: null });
    interviewer.send({ type: 'concept', round: r1.id, concept: 'crashloop-meaning', met: false });
    await interviewer.next((f) => f.type === 'marks' && f.marks[r1.id]?.concepts['crashloop-meaning'] === false);
    const unticked = (await report()).rounds[0];
    expect(unticked.conceptScore).toBeLessThan(before.graderScore);
    expect(unticked.concepts).toEqual([{ id: 'crashloop-meaning', label: r1.rubric.concepts.find((c) => c.id === 'crashloop-meaning')!.label, met: false }]);
  });
});
