/**
 * Live rooms: per server process, one in-memory room per session that has connected clients. A room
 * holds the session replayed by the core from its stored input log (the server's own, authentic
 * transcript and grades), its notes and marks, and the connected clients. Every change is written to
 * the database first, then fanned out to this process's clients, then announced with NOTIFY so other
 * processes sharing the database (PostgreSQL) reload that part and fan it out to theirs.
 *
 * A room runs one operation at a time (`serial`), so inputs are checked, stored and fanned out in
 * order; the server's replay follows just behind (Room.session). Inputs of all rooms are stored in
 * batches and replayed a little at a time between frames (pacing.ts), so fan-out stays quick with
 * hundreds of sessions in one process.
 */
import { Session } from '../core/session/session.ts';
import type { Input } from '../core/session/types.ts';
import type { ClientFrame, LiveInfo, LiveNote, RoundMarks, ServerFrame } from '../live/protocol.ts';
import type { Db } from './db.ts';
import { variantEntry, type BookEntry, type ScenarioBook } from './scenarios.ts';
import { InputWriter, ReplayQueue, type Replayable } from './pacing.ts';
import * as store from './store.ts';

export type Role = 'candidate' | 'interviewer';

/** A connected browser, as the room sees it. */
export interface Client {
  readonly role: Role;
  send(frame: ServerFrame): void;
}

const CHANNEL = 'gauntlet_live';
/** How long a room stays loaded with no client connected (ms). */
const IDLE_MS = 10 * 60_000;
type Change = 'inputs' | 'info' | 'notes' | 'marks' | 'draft';

export interface HubOptions {
  /** Wall clock (ms). */
  now?: () => number;
  /** Makes the candidate link shown to interviewers. */
  candidateLink: (token: string) => string;
}

export class Hub {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** This process, so it can ignore its own NOTIFYs. */
  readonly origin = Math.random().toString(36).slice(2);
  readonly now: () => number;
  /** Stores every room's inputs, a batch per turn of the event loop. */
  readonly inputs: InputWriter;
  /** Runs every room's replay between frames. */
  readonly replays = new ReplayQueue();

  constructor(readonly db: Db, readonly book: ScenarioBook, readonly options: HubOptions) {
    this.now = options.now ?? Date.now;
    this.inputs = new InputWriter(db);
  }

  /** Subscribes to other processes' changes (only when the database is shared). */
  async start(): Promise<void> {
    if (this.db.shared) await this.db.listen(CHANNEL, (payload) => this.onNotify(payload));
  }

  /** The room of a session, loaded from the database when this process has none yet. */
  room(id: string): Promise<Room> {
    let r = this.rooms.get(id);
    if (!r) {
      r = Room.load(this, id);
      this.rooms.set(id, r);
      r.catch(() => this.rooms.delete(id));
    }
    return r;
  }

  /** Rooms loaded in this process (the bench reads it). */
  get size(): number {
    return this.rooms.size;
  }

  /**
   * Forgets a room once nobody has been connected to it for IDLE_MS (it reloads from the database on
   * the next join). Not at once: a reload or a dropped connection comes back within seconds, and
   * reloading a room replays its whole log.
   */
  drop(room: Room): void {
    const entry = this.rooms.get(room.id);
    if (room.clients.size > 0 || !entry) return;
    const timer = setTimeout(() => {
      // Only this very room: it may have been forgotten and loaded afresh meanwhile.
      void entry.then((r) => {
        if (r === room && room.clients.size === 0 && this.rooms.get(room.id) === entry) this.rooms.delete(room.id);
      });
    }, IDLE_MS);
    timer.unref();
  }

  /** Tells other processes that part of a session changed. */
  announce(id: string, change: Change): void {
    if (!this.db.shared) return;
    this.db.notify(CHANNEL, JSON.stringify({ o: this.origin, s: id, k: change })).catch(() => undefined);
  }

  private onNotify(payload: string): void {
    let msg: { o?: string; s?: string; k?: Change };
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    if (msg.o === this.origin || !msg.s || !msg.k) return;
    const room = this.rooms.get(msg.s);
    if (room) void room.then((r) => r.serial(() => r.sync(msg.k!))).catch(() => undefined);
  }
}

/** Thrown for a frame the session refuses; the connection turns it into an error frame. */
export class Refused extends Error {
  constructor(readonly code: string, message: string, readonly expected?: number) {
    super(message);
  }
}

export class Room implements Replayable {
  readonly clients = new Set<Client>();
  private queue: Promise<unknown> = Promise.resolve();

  /** Inputs of `log` the server's session has applied (see `session`). */
  private applied = 0;
  private readonly replay: Session;

  private constructor(
    private readonly hub: Hub,
    private row: store.SessionRow,
    readonly entry: BookEntry,
    /** Every input stored, in order: what clients get and what the counts and acks are of. */
    readonly log: Input[],
    /** When the server received each input (wall ms), for the replay's timing. */
    readonly receivedAt: number[],
    private notes: LiveNote[],
    private marks: Record<string, RoundMarks>,
  ) {
    this.replay = Session.start(entry.scenario);
    this.replaySoon();
  }

  /**
   * The server's own replay of the log with the core: the authentic transcript and grades. Inputs
   * are fanned out as soon as they are stored and replayed here just behind, an input at a time
   * between other frames (hub.replays, so one session's long log or a burst of commands never holds
   * up another session's fan-out); reading this brings the replay up to date first.
   */
  get session(): Session {
    this.replayTo(this.log.length);
    return this.replay;
  }

  /** Applies the log up to input `n` (an input the core throws on is logged and passed over, as before). */
  private replayTo(n: number): void {
    for (; this.applied < Math.min(n, this.log.length); this.applied++) {
      try {
        this.replay.append(this.log[this.applied]);
      } catch (e) {
        console.error(`live: session ${this.id} input ${this.applied} failed to replay`, e);
      }
    }
  }

  replayStep(): boolean {
    this.replayTo(this.applied + 1);
    return this.applied < this.log.length;
  }

  private replaySoon(): void {
    if (this.applied < this.log.length) this.hub.replays.add(this);
  }

  static async load(hub: Hub, id: string): Promise<Room> {
    const row = await store.loadSession(hub.db, id);
    if (!row) throw new Error(`no session ${id}`);
    const written = hub.book.get(row.scenario);
    if (!written) throw new Error(`session ${id} plays scenario ${row.scenario}, which this server does not have`);
    // The session's variant: the server grades, the candidate plays and interviewers watch the same one.
    const entry = variantEntry(written, row.seed);
    const inputs = await store.loadInputs(hub.db, id);
    return new Room(hub, row, entry, inputs.map((i) => i.input), inputs.map((i) => i.receivedAt), await store.loadNotes(hub.db, id), await store.loadMarks(hub.db, id));
  }

  get id(): string {
    return this.row.id;
  }
  get ended(): boolean {
    return this.row.endedAt !== null;
  }
  get meta(): store.SessionRow {
    return this.row;
  }
  get allNotes(): readonly LiveNote[] {
    return this.notes;
  }
  get allMarks(): Readonly<Record<string, RoundMarks>> {
    return this.marks;
  }

  /** Runs `fn` after every operation already queued on this room. */
  serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const r = this.queue.then(fn);
    this.queue = r.catch(() => undefined);
    return r;
  }

  /** What both sides see of the session: status, clock, holds, released hints (their texts). */
  info(): LiveInfo {
    const r = this.row;
    const rounds = this.entry.scenario.rounds;
    return {
      scenario: r.scenario,
      title: this.entry.scenario.meta.title,
      candidateName: r.candidateName,
      timeLimitMin: r.timeLimitMin,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      status: r.endedAt !== null ? 'ended' : r.startedAt !== null ? 'running' : 'waiting',
      held: r.held,
      advanced: r.advanced,
      hints: Object.fromEntries(Object.entries(r.hints).map(([round, n]) => [round, (rounds.find((x) => x.id === round)?.rubric.hints ?? []).slice(0, n).map((h) => h.text)])),
      shared: r.shared,
    };
  }

  /** The first frame a client gets: the candidate only the public scenario, the interviewer everything. */
  welcome(role: Role): ServerFrame {
    const base = { info: this.info(), inputs: [...this.log], now: this.hub.now(), renames: this.entry.renames };
    if (role === 'candidate') return { type: 'welcome', role, scenario: this.entry.public, ...base };
    return {
      type: 'welcome', role, scenario: this.entry.scenario, ...base,
      notes: this.notes, marks: this.marks, draft: this.row.draft, candidateLink: this.hub.options.candidateLink(this.row.candidateToken),
    };
  }

  broadcast(frame: ServerFrame, role?: Role): void {
    for (const c of this.clients) if (!role || c.role === role) c.send(frame);
  }

  // ---- the candidate ---------------------------------------------------------------------

  /** The candidate passed the "how this works" page: the clock starts. */
  async start(): Promise<void> {
    if (this.row.startedAt !== null || this.ended) return;
    const startedAt = this.hub.now();
    await store.updateSession(this.hub.db, this.id, { startedAt });
    this.row = { ...this.row, startedAt };
    this.changed('info');
  }

  /**
   * Inputs from the candidate starting at sequence number `from`. Ones already stored are skipped
   * (a resend after a reconnect); a gap or an input the session does not allow is refused with the
   * count the server holds, after storing the valid ones before it. Returns the new count.
   */
  async append(from: number, inputs: readonly Input[]): Promise<number> {
    if (this.ended) throw new Refused('ended', 'the interview has ended', this.log.length);
    let have = this.log.length;
    if (from > have) {
      // Another process may have stored them (the candidate moved): catch up before judging.
      await this.sync('inputs');
      have = this.log.length;
      if (from > have) throw new Refused('gap', `inputs from ${from} but the server has ${have}`, have);
    }
    const fresh = inputs.slice(have - from);
    const { valid, problem } = this.check(fresh);
    if (valid.length) {
      const now = this.hub.now();
      try {
        await this.hub.inputs.write(this.id, have, valid, now);
      } catch {
        await this.sync('inputs');
        throw new Refused('conflict', 'another connection wrote to this session', this.log.length);
      }
      // Stored, so fan out: interviewers replay the inputs themselves and need not wait for the
      // server's own replay (the core's work for a command is most of what an input costs here).
      this.log.push(...valid);
      for (const _ of valid) this.receivedAt.push(now);
      this.broadcast({ type: 'inputs', from: have, inputs: valid }, 'interviewer');
      this.hub.announce(this.id, 'inputs');
      this.replaySoon();
      if (this.row.startedAt === null) await this.start();
    }
    if (problem) throw new Refused('rejected', problem, this.log.length);
    return this.log.length;
  }

  /** The longest prefix of `inputs` the session allows, and why the next one is refused. */
  private check(inputs: readonly Input[]): { valid: Input[]; problem?: string } {
    const rounds = this.entry.scenario.rounds;
    // Only answers and hints depend on the round: commands are checked without the replay.
    let round = inputs.some((i) => i.type === 'answer' || i.type === 'hint') ? this.session.roundIndex : -1;
    let last = this.log.at(-1)?.at ?? 0;
    const hintsTaken = new Map<string, number>();
    // (A walk over the whole log, so only when a hint is among the inputs.)
    if (inputs.some((i) => i.type === 'hint')) for (const i of this.log) if (i.type === 'hint') hintsTaken.set(i.round, (hintsTaken.get(i.round) ?? 0) + 1);
    const valid: Input[] = [];
    for (const input of inputs) {
      const current = rounds[round]?.id;
      let problem: string | undefined;
      if (input.at < last) problem = `input ${valid.length} goes back in time`;
      else if (input.type === 'answer') {
        if (input.round !== current) problem = `answer to round ${input.round}, but the round is ${current ?? '(none)'}`;
        else if (this.row.held && !this.row.advanced.includes(current)) problem = 'the interviewer is holding this round';
      } else if (input.type === 'hint') {
        const taken = hintsTaken.get(input.round) ?? 0;
        if (input.round !== current || taken >= (this.row.hints[input.round] ?? 0)) problem = 'no hint was released';
        else hintsTaken.set(input.round, taken + 1);
      }
      if (problem) return { valid, problem };
      if (input.type === 'answer') round++;
      last = input.at;
      valid.push(input);
    }
    return { valid };
  }

  /** The answer being written, shown live to interviewers (not an input; the latest is kept). */
  async draft(round: string, text: string): Promise<void> {
    const draft = { round, text };
    await store.updateSession(this.hub.db, this.id, { draft });
    this.row = { ...this.row, draft };
    this.broadcast({ type: 'draft', ...draft }, 'interviewer');
    this.hub.announce(this.id, 'draft');
  }

  // ---- the interviewers ------------------------------------------------------------------

  /** Applies an interviewer's frame (hint, hold, advance, note, concept, override, end, share). */
  async control(frame: ClientFrame): Promise<void> {
    const rounds = this.entry.scenario.rounds;
    const current = rounds[this.session.roundIndex];
    const db = this.hub.db;
    const needRound = (id: string) => {
      const r = rounds.find((x) => x.id === id);
      if (!r) throw new Refused('unknown-round', `no round ${id} in ${this.entry.scenario.meta.id}`);
      return r;
    };
    switch (frame.type) {
      case 'hint': {
        if (this.ended) throw new Refused('ended', 'the interview has ended');
        if (!current || current.id !== frame.round) throw new Refused('not-current', `round ${frame.round} is not being played`);
        const n = this.row.hints[frame.round] ?? 0;
        if (n >= current.rubric.hints.length) throw new Refused('no-hints', 'every hint of this round is released');
        return this.setInfo({ hints: { ...this.row.hints, [frame.round]: n + 1 } });
      }
      case 'hold':
        return this.setInfo({ held: frame.held });
      case 'advance':
        needRound(frame.round);
        if (this.row.advanced.includes(frame.round)) return;
        return this.setInfo({ advanced: [...this.row.advanced, frame.round] });
      case 'note': {
        const note = await store.addNote(db, this.id, { at: this.hub.now(), seq: this.log.length, author: frame.author?.trim() || null, text: frame.text });
        this.notes = [...this.notes, note];
        this.broadcast({ type: 'notes', notes: [note] }, 'interviewer');
        this.hub.announce(this.id, 'notes');
        return;
      }
      case 'concept':
      case 'override': {
        const round = needRound(frame.round);
        const marks: RoundMarks = { concepts: { ...this.marks[round.id]?.concepts }, ...(this.marks[round.id]?.override ? { override: this.marks[round.id].override } : {}) };
        if (frame.type === 'concept') {
          if (!round.rubric.concepts.some((c) => c.id === frame.concept)) throw new Refused('unknown-concept', `no concept ${frame.concept} in round ${round.id}`);
          if (frame.met === null) delete marks.concepts[frame.concept];
          else marks.concepts[frame.concept] = frame.met;
        } else if (frame.score === null) delete marks.override;
        else {
          if (!frame.reason.trim()) throw new Refused('no-reason', 'an override needs a reason');
          marks.override = { score: frame.score, reason: frame.reason.trim(), at: this.hub.now() };
        }
        await store.saveMarks(db, this.id, round.id, marks);
        this.marks = { ...this.marks, [round.id]: marks };
        this.broadcast({ type: 'marks', marks: this.marks }, 'interviewer');
        this.hub.announce(this.id, 'marks');
        return;
      }
      case 'end':
        if (this.ended) return this.setInfo({ shared: frame.share });
        return this.setInfo({ endedAt: this.hub.now(), shared: frame.share, report: this.session.report() });
      case 'share':
        return this.setInfo({ shared: frame.share });
      default:
        throw new Refused('not-allowed', `${frame.type} is not an interviewer's frame`);
    }
  }

  private async setInfo(fields: Parameters<typeof store.updateSession>[2]): Promise<void> {
    await store.updateSession(this.hub.db, this.id, fields);
    const { report: _report, ...rest } = fields;
    this.row = { ...this.row, ...rest };
    this.changed('info');
  }

  private changed(change: 'info'): void {
    this.broadcast({ type: 'info', info: this.info() });
    this.hub.announce(this.id, change);
  }

  // ---- other processes -------------------------------------------------------------------

  /** Reloads one part from the database after another process changed it, and fans it out here. */
  async sync(change: Change): Promise<void> {
    const db = this.hub.db;
    if (change === 'inputs') {
      const from = this.log.length;
      const rows = await store.loadInputs(db, this.id, from);
      if (!rows.length) return;
      for (const r of rows) {
        this.log.push(r.input);
        this.receivedAt.push(r.receivedAt);
      }
      this.broadcast({ type: 'inputs', from, inputs: rows.map((r) => r.input) }, 'interviewer');
      this.broadcast({ type: 'ack', count: this.log.length }, 'candidate');
      this.replaySoon();
    } else if (change === 'notes') {
      const fresh = await store.loadNotes(db, this.id, this.notes.at(-1)?.id ?? 0);
      if (!fresh.length) return;
      this.notes = [...this.notes, ...fresh];
      this.broadcast({ type: 'notes', notes: fresh }, 'interviewer');
    } else if (change === 'marks') {
      this.marks = await store.loadMarks(db, this.id);
      this.broadcast({ type: 'marks', marks: this.marks }, 'interviewer');
    } else {
      const row = await store.loadSession(db, this.id);
      if (!row) return;
      this.row = row;
      if (change === 'draft') {
        if (row.draft) this.broadcast({ type: 'draft', ...row.draft }, 'interviewer');
      } else this.broadcast({ type: 'info', info: this.info() });
    }
  }
}
