/**
 * The browser's end of /api/live/ws: says hello with the page's token on every (re)connection,
 * reconnects after a drop with growing pauses (0.25 s doubling to 4 s), and hands each server frame
 * to the page. Whatever was in flight when the connection dropped is resent by the page after the
 * next welcome (the server drops duplicates by sequence number), so nothing is lost or doubled.
 */
import type { ServerFrame } from '../../live/protocol.ts';

export type SocketStatus = 'connecting' | 'open' | 'closed';

export interface LiveSocketOptions {
  token: string;
  onFrame(frame: ServerFrame): void;
  onStatus?(status: SocketStatus): void;
  /** Default: this page's origin, `/api/live/ws`. */
  url?: string;
}

export class LiveSocket {
  private ws?: WebSocket;
  private retry = 250;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  /** Set when the server refused the token: reconnecting would not help. */
  private refused = false;
  status: SocketStatus = 'connecting';

  constructor(private readonly o: LiveSocketOptions) {
    this.connect();
  }

  private connect(): void {
    const url = this.o.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live/ws`;
    this.setStatus('connecting');
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 250;
      ws.send(JSON.stringify({ type: 'hello', token: this.o.token }));
    };
    ws.onmessage = (e) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (frame.type === 'welcome') this.setStatus('open');
      if (frame.type === 'error' && (frame.code === 'unknown' || frame.code === 'expired')) this.refused = true;
      this.o.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.setStatus('closed');
      if (this.stopped || this.refused) return;
      this.timer = setTimeout(() => this.connect(), this.retry);
      this.retry = Math.min(4000, this.retry * 2);
    };
  }

  private setStatus(s: SocketStatus): void {
    this.status = s;
    this.o.onStatus?.(s);
  }

  /** Sends a frame when connected; returns false (and sends nothing) otherwise. */
  send(frame: object): boolean {
    if (this.status !== 'open' || this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the connection and connects again at once (a fresh hello, a fresh welcome). */
  reopen(): void {
    const old = this.ws;
    this.ws = undefined;
    old?.close();
    clearTimeout(this.timer);
    this.connect();
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close();
  }
}
