// @vitest-environment jsdom
/**
 * The browser's records over IndexedDB (fake-indexeddb): the one-time import of localStorage
 * records, records kept aside, throttled writes surviving a reopen, and a full disk reported and
 * retried without losing anything.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNSAVED, openBrowserRecords } from '../../src/ui/state/idbRecords.ts';
import { sessionRecord } from '../../src/ui/state/persistence.ts';

const summary = { score: 50, rounds: [{ round: 'opening', skill: 'S', score: 50 }], weakest: [] };
const legacyAttempt = { id: 'a1', scenario: 'fake-crash', finishedAt: 1, summary, inputs: [{ type: 'answer', at: 1, round: 'opening', text: 'x' }] };

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('IndexedDB records', () => {
  it('imports the localStorage records once: valid ones migrated, damaged ones kept aside', async () => {
    localStorage.setItem('gauntlet:session:fake-crash', JSON.stringify({ v: 1, inputs: [{ type: 'command', at: 5, line: 'ls' }], reviewed: 0 }));
    localStorage.setItem('gauntlet:session:broken', '{"v":1,"inputs":[');
    localStorage.setItem('gauntlet:attempts:fake-crash', JSON.stringify([legacyAttempt, { id: 'a2', scenario: 'fake-crash', summary: 'lost' }]));
    localStorage.setItem('unrelated', 'kept');
    const { records, flush } = await openBrowserRecords();
    await flush();
    expect(records.session('fake-crash')).toEqual({ v: 2, scenario: 'fake-crash', inputs: [{ type: 'command', at: 5, line: 'ls' }], reviewed: 0, drafts: {} });
    expect(records.attemptsOf('fake-crash').map((a) => a.id)).toEqual(['a1']);
    expect(records.problems().map((p) => [p.from, p.key, p.reason])).toEqual([
      ['localStorage', 'gauntlet:session:broken', 'damaged: not valid JSON'],
      ['attempts', 'a2', 'damaged: finishedAt: Invalid input: expected number, received undefined'],
    ]);
    expect(records.problems()[0].value).toBe('{"v":1,"inputs":[');
    expect(Object.keys(localStorage)).toEqual(['unrelated']);

    // Once only: a later localStorage record (an old build in another tab) is not imported over ours.
    localStorage.setItem('gauntlet:session:fake-crash', JSON.stringify({ v: 1, inputs: [], reviewed: 0 }));
    const again = await openBrowserRecords();
    expect(again.records.session('fake-crash')?.inputs).toHaveLength(1);
    expect(again.records.problems()).toHaveLength(2);
  });

  it('writes changes, throttled, and a reopened database has them', async () => {
    const { records, flush } = await openBrowserRecords();
    records.putSession('fake-crash', sessionRecord('fake-crash', { inputs: [{ type: 'command', at: 1, line: 'a' }], drafts: { opening: 'half an answer' } }));
    records.putSession('fake-crash', sessionRecord('fake-crash', { inputs: [{ type: 'command', at: 1, line: 'b' }], drafts: { opening: 'half an answer' } }));
    await flush();
    const reopened = await openBrowserRecords();
    expect(reopened.records.session('fake-crash')).toMatchObject({ inputs: [{ line: 'b' }], drafts: { opening: 'half an answer' } });
  });

  it('a page left while a write is still in its transaction keeps that change for the next start', async () => {
    const { records, flush } = await openBrowserRecords();
    records.putSession('fake-crash', sessionRecord('fake-crash', { inputs: [{ type: 'answer', at: 1, round: 'opening', text: 'my answer' }] }));
    const writing = flush(); // the transaction starts; the page goes before it commits
    await Promise.resolve();
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(UNSAVED) ?? '[]')).toMatchObject([{ store: 'sessions', key: 'fake-crash', value: { inputs: [{ text: 'my answer' }] } }]);
    await writing;
  });

  it('says so when a write fails for lack of space, keeps the change and writes it once there is room', async () => {
    const { records, flush } = await openBrowserRecords();
    const put = IDBObjectStore.prototype.put;
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    records.putSession('fake-crash', sessionRecord('fake-crash', { inputs: [{ type: 'command', at: 1, line: 'ls' }] }));
    await flush();
    expect(records.status.writeError).toBe('Storage is full: your latest work is not saved in this browser.');
    expect(records.session('fake-crash')?.inputs).toHaveLength(1);
    expect((await openBrowserRecords()).records.session('fake-crash')).toBeUndefined();

    full.mockImplementation(put);
    await flush();
    expect(records.status.writeError).toBeUndefined();
    expect((await openBrowserRecords()).records.session('fake-crash')?.inputs).toHaveLength(1);
  });

  it('copies what is pending to localStorage when the page is unloaded, and writes it at the next start', async () => {
    const { records } = await openBrowserRecords();
    const rec = sessionRecord('fake-crash', { inputs: [{ type: 'command', at: 1, line: 'ls' }] });
    records.putSession('fake-crash', rec);
    window.dispatchEvent(new Event('pagehide'));
    const copy = localStorage.getItem(UNSAVED)!;
    expect(JSON.parse(copy)).toEqual([{ store: 'sessions', key: 'fake-crash', value: rec }]);

    // As if the page had gone before IndexedDB wrote it: a fresh database and the copy.
    await new Promise((r) => setTimeout(r, 50));
    localStorage.setItem(UNSAVED, copy);
    globalThis.indexedDB = new IDBFactory();
    const next = await openBrowserRecords();
    expect(next.records.session('fake-crash')).toEqual(rec);
    expect(localStorage.getItem(UNSAVED)).toBeNull();
  });
});
