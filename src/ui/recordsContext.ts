/** The browser's records (state/records.ts) for components, from context; tests provide memory ones. */
import { createContext, createElement, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { BrowserRecords } from './state/idbRecords.ts';
import { memoryRecords, type Records } from './state/records.ts';

const RecordsContext = createContext<BrowserRecords | null>(null);

export function RecordsProvider({ value, children }: { value: BrowserRecords; children: ReactNode }) {
  return createElement(RecordsContext.Provider, { value }, children);
}

/** Memory records with no-op flush and refresh, for tests and as a fallback. */
export function inMemory(records: Records = memoryRecords()): BrowserRecords {
  return { records, flush: async () => {}, refresh: async () => {} };
}

const fallback = inMemory();

export function useBrowserRecords(): BrowserRecords {
  return useContext(RecordsContext) ?? fallback;
}

/** The records, re-rendering whenever they change (another tab saved, a record was set aside…). */
export function useRecords(): Records {
  const { records } = useBrowserRecords();
  useSyncExternalStore((l) => records.subscribe(l), () => records.version);
  return records;
}
