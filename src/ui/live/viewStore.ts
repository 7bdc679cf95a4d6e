/**
 * A value that React pages read with useSyncExternalStore: `set` replaces it (a new object each
 * time, so React sees the change) and tells the subscribers.
 */
import { useEffect, useState } from 'react';

export class ViewStore<V extends object> {
  private readonly listeners = new Set<() => void>();
  constructor(public view: V) {}

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getView = () => this.view;

  protected set(patch: Partial<V>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }
}

/** Makes a live connection for `token` while the page shows it, closing it when it goes (StrictMode-safe). */
export function useLive<T extends { close(): void }>(make: (token: string) => T, token: string): T | undefined {
  const [live, setLive] = useState<T>();
  useEffect(() => {
    const l = make(token);
    setLive(l);
    return () => l.close();
  }, [make, token]);
  return live;
}
