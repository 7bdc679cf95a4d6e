/**
 * The candidate's side of a live session, outside React: a session played in this browser with
 * the public scenario (the same store and terminal as practice), its input log kept in
 * localStorage under the link's token and streamed to the server with sequence numbers. The server
 * acknowledges what it stored; after a reconnect or a reload, whatever it lacks is sent again.
 * What the interviewer decides arrives as session info, and becomes inputs of this log: a released
 * hint becomes a `hint` input, "move on" submits the answer written so far.
 */
import type { Input } from '../../core/session/types.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { Session } from '../../core/session/session.ts';
import { MAX_INPUTS_PER_FRAME, startsWith, type LiveInfo, type ServerFrame } from '../../live/protocol.ts';
import { playableScenario } from '../../live/playable.ts';
import { createAppStore, type AppStore } from '../store.ts';
import { saveSession, sessionRecord } from '../state/persistence.ts';
import { memoryRecords } from '../state/records.ts';

/** The subset of Web Storage this tab keeps its copy of the log in (localStorage; a Map in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
import { LiveSocket } from './socket.ts';
import { rewriter } from '../../core/scenario/variants.ts';
import { ViewStore } from './viewStore.ts';

/** What an answer says when the interviewer moved on before the candidate wrote anything. */
export const NO_ANSWER = '(no answer: the interviewer moved on)';

export interface CandidateView {
  /** `problem`: the link opens nothing (the message says why). */
  phase: 'connecting' | 'problem' | 'ready';
  problem?: string;
  info?: LiveInfo;
  connected: boolean;
  store?: AppStore;
  scenario?: Scenario;
  /** Inputs the server has not acknowledged yet. */
  unsent: number;
  /** Wall-clock difference server − browser, ms. */
  clockOffset: number;
  /** The session variant's rename for the prose (the scenario itself comes renamed). */
  rename?: (text: string) => string;
}


export class CandidateLive extends ViewStore<CandidateView> {
  private readonly socket: LiveSocket;
  /** The practice store's records, in memory: this tab's copy of the log is kept under the token instead. */
  private readonly records = memoryRecords();
  private sent = 0;
  private acked = 0;
  /** After a refusal the server's log wins over this browser's at the next welcome. */
  private adoptServer = false;
  private draftTimer?: ReturnType<typeof setTimeout>;
  drafts: Record<string, string>;

  constructor(private readonly token: string, private readonly storage: KeyValueStorage, url?: string) {
    super({ phase: 'connecting', connected: false, unsent: 0, clockOffset: 0 });
    this.drafts = this.loadJson('drafts') ?? {};
    this.socket = new LiveSocket({
      token, url,
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => this.set({ connected: s === 'open' }),
    });
  }

  private key(part: string): string {
    return `gauntlet:live:${this.token}:${part}`;
  }
  private loadJson<T>(part: string): T | undefined {
    try {
      const raw = this.storage.getItem(this.key(part));
      return raw ? (JSON.parse(raw) as T) : undefined;
    } catch {
      return undefined;
    }
  }
  private saveJson(part: string, value: unknown): void {
    try {
      this.storage.setItem(this.key(part), JSON.stringify(value));
    } catch {
      // Storage full or blocked: the server still holds everything it acknowledged.
    }
  }

  private get session() {
    return this.view.store?.getState().session ?? null;
  }

  private onFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'welcome':
        if (f.role === 'candidate') this.welcome(f.scenario, f.inputs, f.info, f.now, f.renames);
        return;
      case 'ack':
        this.acked = Math.max(this.acked, f.count);
        this.sent = Math.max(this.sent, this.acked);
        this.flush();
        return;
      case 'info':
        this.set({ info: f.info });
        this.react();
        return;
      case 'error':
        if (f.code === 'unknown' || f.code === 'expired') this.set({ phase: 'problem', problem: f.message });
        else if (f.code === 'rejected' || f.code === 'conflict') {
          // This browser's log went somewhere the server would not follow: take the server's.
          this.adoptServer = true;
          this.socket.reopen();
        } else if (f.code === 'gap' && f.expected !== undefined) {
          this.sent = this.acked = f.expected;
          this.flush();
        } else if (f.code === 'rate-limited') {
          setTimeout(() => {
            this.sent = this.acked;
            this.flush();
          }, 1000);
        }
        return;
      default:
    }
  }

  private welcome(pub: Parameters<typeof playableScenario>[0], server: Input[], info: LiveInfo, now: number, renames: [string, string][] = []): void {
    const scenario = this.view.scenario ?? playableScenario(pub);
    let store = this.view.store;
    const local = store?.getState().session?.inputs ?? this.loadJson<Input[]>('inputs') ?? [];
    const log = !this.adoptServer && startsWith(local, server) ? local : server;
    this.adoptServer = false;
    if (!store || log !== local) {
      saveSession(this.records, sessionRecord(scenario.meta.id, { inputs: [...log], reviewed: 0 }));
      if (!store) {
        store = createAppStore({
          engine: { start: (s) => Session.start(s, { tty: true }), replay: (s, inputs) => Session.replay(s, inputs, { tty: true }) },
          records: this.records,
          realNow: () => performance.now(),
        });
        store.subscribe((next, prev) => next.rev !== prev.rev && this.changed());
      }
      store.getState().open(scenario);
    }
    this.acked = this.sent = server.length;
    this.set({ phase: 'ready', scenario, store, info, clockOffset: now - Date.now(), rename: this.view.rename ?? rewriter(renames) });
    this.changed();
    this.react();
  }

  /** After every input: keep it locally, send what the server lacks. */
  private changed(): void {
    const s = this.session;
    if (!s) return;
    this.saveJson('inputs', s.inputs);
    this.flush();
  }

  private flush(): void {
    const s = this.session;
    if (!s) return;
    const inputs = s.inputs;
    if (inputs.length > this.sent) {
      const batch = inputs.slice(this.sent, this.sent + MAX_INPUTS_PER_FRAME);
      if (this.socket.send({ type: 'inputs', from: this.sent, inputs: batch })) this.sent += batch.length;
    }
    if (this.view.unsent !== inputs.length - this.acked) this.set({ unsent: inputs.length - this.acked });
  }

  /** Turns the interviewer's decisions into inputs: released hints, and moving past a round. */
  private react(): void {
    const store = this.view.store;
    const s = this.session;
    const info = this.view.info;
    if (!store || !s || !info || info.status === 'ended') return;
    const round = s.scenario.rounds[s.roundIndex];
    if (!round) return;
    const released = info.hints[round.id]?.length ?? 0;
    let used = s.inputs.filter((i) => i.type === 'hint' && i.round === round.id).length;
    for (; used < released; used++) store.getState().hint();
    if (info.advanced.includes(round.id)) {
      store.getState().submitAnswer((this.drafts[round.id] ?? '').trim() || NO_ANSWER);
      this.setDraft(round.id, '');
      this.react();
    }
  }

  /** The candidate passed the "how this works" page. */
  begin(): void {
    this.socket.send({ type: 'start' });
  }

  setDraft(round: string, text: string): void {
    this.drafts = { ...this.drafts, [round]: text };
    this.saveJson('drafts', this.drafts);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.socket.send({ type: 'draft', round, text }), 300);
    this.set({});
  }

  submit(text: string): void {
    const store = this.view.store;
    const s = this.session;
    if (!store || !s) return;
    const round = s.scenario.rounds[s.roundIndex];
    store.getState().submitAnswer(text);
    if (round) this.setDraft(round.id, '');
  }

  close(): void {
    clearTimeout(this.draftTimer);
    this.socket.close();
  }
}
