/**
 * The live-session HTTP API (JSON unless said otherwise):
 * - GET  /api/scenarios                    the scenarios an interview can use (id, title, summary)
 * - POST /api/live                         create a session → both links (live-only mode: needs the
 *                                          interviewers' key in x-gauntlet-key, else 401 `needKey`)
 * - GET  /api/live/:token                  what the token opens (role, session info) or why not (404/410)
 * - POST /api/live/sessions                the sessions of the interviewer tokens a browser holds
 * - GET  /api/live/:token/report.json|.md  the report (interviewers; the candidate once shared)
 * - GET  /api/live/:token/cast             the terminal as an asciicast v2 recording (interviewers)
 * - WS   /api/live/ws                      the live stream (connection.ts)
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CreateSessionSchema } from '../live/protocol.ts';
import { asciicast } from '../live/asciicast.ts';
import { liveReport, liveReportMarkdown } from '../live/report.ts';
import { handleConnection } from './connection.ts';
import type { Hub } from './hub.ts';
import * as store from './store.ts';
import { lookupToken } from './tokens.ts';
import { randomInt } from 'node:crypto';
import { pickSeed } from '../core/scenario/variants.ts';
import { KEY_HEADER, keyMatches, type LiveOnly } from './liveOnly.ts';

export interface RouteOptions {
  /** How long links work after creation, ms. */
  linkTtlMs: number;
  /** Pins every new session's variant seed (AppOptions.seed); unset, each draws one. */
  seed?: number;
  /** Live-only mode: creating an interview needs the interviewers' key. */
  liveOnly?: LiveOnly;
}

const Tokens = z.strictObject({ tokens: z.array(z.string().min(16).max(128)).max(500) });

export function liveRoutes(app: FastifyInstance, hub: Hub, o: RouteOptions): void {
  app.get('/api/scenarios', async () =>
    [...hub.book.values()].map((e) => ({ id: e.scenario.meta.id, title: e.scenario.meta.title, summary: e.scenario.meta.summary, rounds: e.scenario.rounds.length })),
  );

  app.post('/api/live', async (req, reply) => {
    if (o.liveOnly && !keyMatches(o.liveOnly, req.headers[KEY_HEADER])) {
      const given = req.headers[KEY_HEADER] !== undefined;
      return reply.code(401).send({ needKey: true, error: given ? 'That is not the interviewers’ key.' : 'This server needs the interviewers’ key to create an interview.' });
    }
    const body = CreateSessionSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: body.error.issues[0].message });
    if (!hub.book.has(body.data.scenario)) return reply.code(400).send({ error: `no scenario ${body.data.scenario}` });
    const { candidateToken, interviewerToken } = await store.createSession(hub.db, {
      scenario: body.data.scenario,
      // The session's variant, drawn once: candidate, interviewers and the server's grader all play it.
      seed: o.seed ?? pickSeed(randomInt(1 << 30) / (1 << 30)),
      candidateName: body.data.candidateName || null,
      timeLimitMin: body.data.timeLimitMin || null,
      now: hub.now(),
      ttlMs: o.linkTtlMs,
    });
    return { candidateToken, interviewerToken, candidatePath: `/live/c/${candidateToken}`, interviewerPath: `/live/i/${interviewerToken}` };
  });

  app.post('/api/live/sessions', async (req, reply) => {
    const body = Tokens.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: body.error.issues[0].message });
    const rows = await store.listByInterviewerTokens(hub.db, body.data.tokens);
    return rows.map((r) => ({
      token: r.token,
      scenario: r.scenario,
      title: hub.book.get(r.scenario)?.scenario.meta.title ?? r.scenario,
      candidateName: r.candidateName,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      inputs: r.inputs,
      score: (r.report as { score?: number } | null)?.score ?? null,
    }));
  });

  app.get<{ Params: { token: string } }>('/api/live/:token', async (req, reply) => {
    const found = await lookupToken(hub, req.params.token);
    if (!found.ok) return refuse(reply, found);
    const room = await hub.room(found.row.id);
    const out = { role: found.role, info: room.info() };
    hub.drop(room);
    return out;
  });

  for (const format of ['json', 'md'] as const) app.get<{ Params: { token: string } }>(`/api/live/:token/report.${format}`, async (req, reply) => {
    const found = await lookupToken(hub, req.params.token);
    if (!found.ok) return refuse(reply, found);
    const room = await hub.room(found.row.id);
    try {
      const info = room.info();
      const interviewer = found.role === 'interviewer';
      if (!interviewer && !(info.status === 'ended' && info.shared)) return reply.code(403).send({ error: 'The report is not shared with you.' });
      const r = liveReport(room.entry.scenario, info, room.session.report(), room.allMarks, interviewer ? room.allNotes : undefined);
      const name = `gauntlet-${info.scenario}-live-report`;
      if (format === 'json') {
        reply.header('content-disposition', `attachment; filename="${name}.json"`);
        return { ...r, scenarioData: room.entry.scenario, modelAnswers: room.entry.modelAnswers, renames: room.entry.renames };
      }
      {
        reply.header('content-disposition', `attachment; filename="${name}.md"`).type('text/markdown; charset=utf-8');
        return liveReportMarkdown(r, room.entry.modelAnswers);
      }
    } finally {
      hub.drop(room);
    }
  });

  app.get<{ Params: { token: string } }>('/api/live/:token/cast', async (req, reply) => {
    const found = await lookupToken(hub, req.params.token);
    if (!found.ok) return refuse(reply, found);
    if (found.role !== 'interviewer') return reply.code(403).send({ error: 'Only interviewers can replay the session.' });
    const room = await hub.room(found.row.id);
    try {
      const text = asciicast(room.entry.scenario, room.log, room.receivedAt, { timestamp: Math.floor((room.receivedAt[0] ?? found.row.createdAt) / 1000) });
      return reply.type('application/x-asciicast').send(text);
    } finally {
      hub.drop(room);
    }
  });

  app.get('/api/live/ws', { websocket: true }, (socket) => handleConnection(socket, hub));
}

function refuse(reply: FastifyReply, found: { problem: string; message: string }) {
  return reply.code(found.problem === 'expired' ? 410 : 404).send({ problem: found.problem, error: found.message });
}
