/**
 * The interviewer's side of a live session, outside React: the full scenario (sent only to holders
 * of the interviewer token) and the candidate's input log replayed here with the same core as the
 * candidate's browser and the server, so this page shows the candidate's terminal, round and a live
 * verdict of its own. Notes, marks and session info arrive as the server sends them, from this
 * interviewer, co-interviewers on other machines, or other server processes.
 */
import { rewriter } from '../../core/scenario/variants.ts';
import { Session } from '../../core/session/session.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import type { Input } from '../../core/session/types.ts';
import { startsWith, type ClientFrame, type LiveInfo, type LiveNote, type RoundMarks, type ServerFrame } from '../../live/protocol.ts';
import { LiveSocket } from './socket.ts';
import { ViewStore } from './viewStore.ts';

export interface InterviewerView {
  phase: 'connecting' | 'problem' | 'ready';
  problem?: string;
  connected: boolean;
  info?: LiveInfo;
  scenario?: Scenario;
  session?: Session;
  notes: LiveNote[];
  marks: Record<string, RoundMarks>;
  draft: { round: string; text: string } | null;
  candidateLink?: string;
  /** Bumped whenever the session (mutable) changed. */
  rev: number;
  clockOffset: number;
  /** The last refusal from the server, shown beside the controls. */
  error?: string;
  /** The session variant's rename for the prose (the scenario itself comes renamed). */
  rename?: (text: string) => string;
}

export class InterviewerLive extends ViewStore<InterviewerView> {
  private readonly socket: LiveSocket;

  constructor(readonly token: string, url?: string) {
    super({ phase: 'connecting', connected: false, notes: [], marks: {}, draft: null, rev: 0, clockOffset: 0 });
    this.socket = new LiveSocket({ token, url, onFrame: (f) => this.onFrame(f), onStatus: (s) => this.set({ connected: s === 'open' }) });
  }

  private onFrame(f: ServerFrame): void {
    const v = this.view;
    switch (f.type) {
      case 'welcome': {
        if (f.role !== 'interviewer') return;
        // A reconnect: keep the replayed session when the server's log continues it.
        let session = v.session;
        const have = session?.inputs ?? [];
        const continues = session && startsWith(f.inputs, have);
        if (!session || !continues) session = Session.replay(f.scenario, f.inputs, { tty: true });
        else for (const input of f.inputs.slice(have.length)) session.append(input);
        this.set({
          phase: 'ready', scenario: session.scenario, session, info: f.info, notes: f.notes, marks: f.marks, draft: f.draft,
          candidateLink: new URL(f.candidateLink, location.href).href, clockOffset: f.now - Date.now(), rev: v.rev + 1,
          rename: v.rename ?? rewriter(f.renames ?? []),
        });
        return;
      }
      case 'inputs':
        return this.inputs(f.from, f.inputs);
      case 'info':
        return this.set({ info: f.info });
      case 'notes': {
        const seen = new Set(v.notes.map((n) => n.id));
        return this.set({ notes: [...v.notes, ...f.notes.filter((n) => !seen.has(n.id))] });
      }
      case 'marks':
        return this.set({ marks: f.marks });
      case 'draft':
        return this.set({ draft: { round: f.round, text: f.text } });
      case 'error':
        if (f.code === 'unknown' || f.code === 'expired') return this.set({ phase: 'problem', problem: f.message });
        return this.set({ error: f.message });
      default:
    }
  }

  private inputs(from: number, inputs: readonly Input[]): void {
    const session = this.view.session;
    if (!session) return;
    const have = session.inputs.length;
    if (from > have) {
      // Missed some (should not happen on one connection): start again from a fresh welcome.
      this.socket.reopen();
      return;
    }
    for (const input of inputs.slice(have - from)) session.append(input);
    this.set({ rev: this.view.rev + 1 });
  }

  /** Sends one of the interviewer's frames; false when not connected. */
  send(frame: ClientFrame): boolean {
    this.set({ error: undefined });
    return this.socket.send(frame);
  }

  close(): void {
    this.socket.close();
  }
}
