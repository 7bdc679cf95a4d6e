import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { dropEntry, keyOrderChecks, putEntry, storedValues } from './peek.ts';

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
