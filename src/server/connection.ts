/**
 * One WebSocket connection to /api/live/ws: the first frame is `hello` with a token, which decides
 * the role (candidate or interviewer) and the room; after that, frames of that role only. Every frame
 * is validated (protocol.ts); a bad one gets an `error` frame and the connection stays open. Frames
 * are handled one at a time, and each connection has a rate limit (a token bucket).
 */
import type { WebSocket } from 'ws';
import { parseClientFrame, type ClientFrame, type ServerFrame } from '../live/protocol.ts';
import { Refused, type Client, type Hub, type Role, type Room } from './hub.ts';
import { lookupToken } from './tokens.ts';

/** Frames per second a connection may send on average, and the burst it may send at once. */
export const RATE = { perSecond: 40, burst: 120 };

/** A token bucket: `take()` is false when the connection has sent too much lately. */
export class RateLimit {
  private tokens: number;
  private last: number;
  constructor(private readonly perSecond: number, private readonly burst: number, private readonly now: () => number = Date.now) {
    this.tokens = burst;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const CANDIDATE_FRAMES = new Set<ClientFrame['type']>(['start', 'inputs', 'draft', 'ping']);
const INTERVIEWER_FRAMES = new Set<ClientFrame['type']>(['hint', 'hold', 'advance', 'note', 'concept', 'override', 'end', 'share', 'ping']);

export function handleConnection(socket: WebSocket, hub: Hub): void {
  const limit = new RateLimit(RATE.perSecond, RATE.burst);
  let room: Room | undefined;
  let client: Client | undefined;
  let chain: Promise<void> = Promise.resolve();
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const hello = setTimeout(() => socket.close(4000, 'no hello'), 10_000);

  socket.on('message', (data, isBinary) => {
    if (!limit.take()) return send({ type: 'error', code: 'rate-limited', message: `more than ${RATE.perSecond} frames a second; slow down` });
    if (isBinary) return send({ type: 'error', code: 'malformed', message: 'frames are JSON text' });
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return send({ type: 'error', code: parsed.code, message: parsed.message });
    chain = chain.then(() => handle(parsed.frame)).catch((e: unknown) => {
      if (e instanceof Refused) send({ type: 'error', code: e.code, message: e.message, ...(e.expected !== undefined ? { expected: e.expected } : {}) });
      else {
        console.error('live: frame failed', e);
        send({ type: 'error', code: 'internal', message: 'the server could not handle that frame' });
      }
    });
  });
  socket.on('close', () => {
    clearTimeout(hello);
    if (room && client) {
      room.clients.delete(client);
      hub.drop(room);
    }
  });

  async function handle(frame: ClientFrame): Promise<void> {
    if (frame.type === 'hello') {
      if (room) throw new Refused('already', 'hello was already said');
      const found = await lookupToken(hub, frame.token);
      if (!found.ok) {
        send({ type: 'error', code: found.problem, message: found.message });
        socket.close(4004, found.problem);
        return;
      }
      clearTimeout(hello);
      const role: Role = found.role;
      const r = await hub.room(found.row.id);
      client = { role, send };
      // Joining and the welcome go through the room's queue, so no fan-out slips between them.
      await r.serial(() => {
        r.clients.add(client!);
        send(r.welcome(role));
      });
      room = r;
      return;
    }
    if (frame.type === 'ping') return send({ type: 'pong', now: hub.now() });
    if (!room || !client) throw new Refused('no-hello', 'say hello with a token first');
    const allowed = client.role === 'candidate' ? CANDIDATE_FRAMES : INTERVIEWER_FRAMES;
    if (!allowed.has(frame.type)) throw new Refused('not-allowed', `a ${client.role} cannot send ${frame.type}`);
    const r = room;
    switch (frame.type) {
      case 'start':
        return r.serial(() => r.start());
      case 'inputs': {
        const count = await r.serial(() => r.append(frame.from, frame.inputs));
        return send({ type: 'ack', count });
      }
      case 'draft':
        return r.serial(() => r.draft(frame.round, frame.text));
      default:
        return r.serial(() => r.control(frame));
    }
  }
}
