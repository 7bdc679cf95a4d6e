import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { dropEntry, inTableOrder, keyOrderChecks, markEntry, ownedValues, putEntry, storedValues, watchedValues } from './peek.ts';

const entry = (n: string) => ({ metadata: { name: n } });
const table = () => Object.fromEntries(['a/x', 'a/y', 'b/z'].map((k) => [k, entry(k)]));

describe('storedValues: a table read through its kept key order', () => {
  it('gives Object.values in insertion order after adds, removals, re-adds and replacements in place', () => {
    const t = table();
    expect(storedValues(t)).toEqual(Object.values(t));
    putEntry(t, 'c/w', entry('c/w'));
    dropEntry(t, 'a/y');
    putEntry(t, 'a/y', entry('a/y again'));
    putEntry(t, 'a/x', entry('a/x replaced'));
    dropEntry(t, 'nope/none');
    expect(storedValues(t).map((o) => o.metadata.name)).toEqual(['a/x replaced', 'b/z', 'c/w', 'a/y again']);
    expect(storedValues(t)).toEqual(Object.values(t));
  });

  it('follows an immer draft: the base before the first write, the copy after, and the frozen result', () => {
    const base = Object.freeze(table()) as Record<string, ReturnType<typeof entry>>;
    expect(storedValues(base).map((o) => o.metadata.name)).toEqual(['a/x', 'a/y', 'b/z']);
    const next = produce(base, (d) => {
      expect(storedValues(d).map((o) => o.metadata.name)).toEqual(['a/x', 'a/y', 'b/z']);
      dropEntry(d, 'a/x');
      putEntry(d, 'd/v', entry('d/v'));
      d['a/y'].metadata.name = 'a/y edited';
      expect(storedValues(d).map((o) => o.metadata.name)).toEqual(['a/y edited', 'b/z', 'd/v']);
    });
    expect(storedValues(next)).toEqual(Object.values(next));
    expect(storedValues(base).map((o) => o.metadata.name)).toEqual(['a/x', 'a/y', 'b/z']);
  });

  it('with checks on, refuses a key order that a write around putEntry/dropEntry left stale', () => {
    const t = table();
    storedValues(t);
    t['e/u'] = entry('e/u');
    keyOrderChecks.on = true;
    try {
      expect(() => storedValues(t)).toThrow(/outside putEntry\/dropEntry/);
    } finally {
      keyOrderChecks.on = false;
    }
  });
});

type Entry = { metadata: { name: string; deleting?: boolean; ownerReferences?: { uid: string; controller?: boolean }[] } };
const owned = (n: string, uid?: string, controller = true): Entry => ({ metadata: { name: n, ...(uid ? { ownerReferences: [{ uid, controller }] } : {}) } });
const names = (list: Entry[]) => list.map((o) => o.metadata.name);
const deleting = (o: Entry) => !!o.metadata.deleting;

describe('watchedValues, ownedValues, inTableOrder: parts of a table without a pass over it', () => {
  it('finds what a filter over the whole table finds, in its order, after puts, drops, marks and re-adds', () => {
    const t: Record<string, Entry> = { 'a/x': owned('a/x', 'rs1'), 'a/y': owned('a/y', 'rs2'), 'b/z': owned('b/z', 'rs1', false) };
    t['a/y'].metadata.deleting = true;
    expect(names(watchedValues(t, 'deleting', deleting))).toEqual(['a/y']);
    expect(names(ownedValues(t, 'rs1'))).toEqual(['a/x']);
    expect(names(ownedValues(t, 'rs1', false))).toEqual(['a/x', 'b/z']);
    putEntry(t, 'c/w', owned('c/w', 'rs1'));
    t['a/x'].metadata.deleting = true;
    markEntry(t, 'a/x', 'deleting');
    dropEntry(t, 'a/y');
    putEntry(t, 'a/y', { ...owned('a/y', 'rs1'), metadata: { ...owned('a/y', 'rs1').metadata, deleting: true } });
    expect(names(watchedValues(t, 'deleting', deleting))).toEqual(['a/x', 'a/y']);
    expect(names(ownedValues(t, 'rs1'))).toEqual(['a/x', 'c/w', 'a/y']);
    expect(names(ownedValues(t, 'rs2'))).toEqual([]);
    expect(inTableOrder(t, ['a/y', 'c/w', 'a/x', 'b/z'])).toEqual(['a/x', 'b/z', 'c/w', 'a/y']);
    // A replaced entry naming another owner keeps its place in the table and moves between owners.
    putEntry(t, 'b/z', owned('b/z', 'rs2'));
    expect(names(ownedValues(t, 'rs2'))).toEqual(['b/z']);
    expect(names(ownedValues(t, 'rs1', false))).toEqual(['a/x', 'c/w', 'a/y']);
  });

  it('misses an entry a write did not mark, and says so with checks on', () => {
    const t: Record<string, Entry> = { 'a/x': owned('a/x') };
    expect(watchedValues(t, 'deleting', deleting)).toEqual([]);
    t['a/x'].metadata.deleting = true;
    expect(watchedValues(t, 'deleting', deleting)).toEqual([]);
    keyOrderChecks.on = true;
    try {
      expect(() => watchedValues(t, 'deleting', deleting)).toThrow(/missed an entry/);
    } finally {
      keyOrderChecks.on = false;
    }
  });

  it('carries the base record into the draft copy, and never into a copy written before it had one', () => {
    const base = Object.freeze({ 'a/x': Object.freeze(owned('a/x', 'rs1')), 'a/y': Object.freeze(owned('a/y', 'rs1')) }) as Record<string, Entry>;
    expect(names(ownedValues(base, 'rs1'))).toEqual(['a/x', 'a/y']);
    keyOrderChecks.on = true;
    try {
      const next = produce(base, (d) => {
        d['a/x'].metadata.deleting = true;
        markEntry(d, 'a/x', 'deleting');
        putEntry(d, 'b/z', owned('b/z', 'rs1'));
        expect(names(watchedValues(d, 'deleting', deleting))).toEqual(['a/x']);
        expect(names(ownedValues(d, 'rs1'))).toEqual(['a/x', 'a/y', 'b/z']);
      });
      expect(names(ownedValues(next, 'rs1'))).toEqual(['a/x', 'a/y', 'b/z']);
      expect(names(ownedValues(base, 'rs1'))).toEqual(['a/x', 'a/y']);
      // The base had no record when the copy was written: the copy builds its own from its keys.
      const plain = Object.freeze({ 'a/x': Object.freeze(owned('a/x', 'rs1')) }) as Record<string, Entry>;
      const later = produce(plain, (d) => {
        putEntry(d, 'b/z', owned('b/z', 'rs1'));
        expect(names(ownedValues(plain, 'rs1'))).toEqual(['a/x']);
        expect(names(ownedValues(d, 'rs1'))).toEqual(['a/x', 'b/z']);
      });
      expect(names(ownedValues(later, 'rs1'))).toEqual(['a/x', 'b/z']);
    } finally {
      keyOrderChecks.on = false;
    }
  });
});
