/**
 * The browser's records: IndexedDB when the browser allows it, else memory only (private modes,
 * blocked storage), with the status saying that nothing will survive a reload.
 */
import { openBrowserRecords, type BrowserRecords } from './state/idbRecords.ts';
import { memoryRecords } from './state/records.ts';

let opened: Promise<BrowserRecords> | undefined;

/** Opens the records once per page; every caller gets the same instance. */
export function browserRecords(): Promise<BrowserRecords> {
  opened ??= openBrowserRecords().catch((e: unknown) => {
    const records = memoryRecords();
    records.setStatus({ writeError: `This browser does not let Gauntlet keep anything (${e instanceof Error ? e.message : String(e)}): your work will be lost on reload.` });
    return { records, flush: async () => {}, refresh: async () => {} };
  });
  return opened;
}
