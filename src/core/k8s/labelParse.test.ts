import { describe, expect, it } from 'vitest';
import { parseLabelSelector, selectorMatches } from './labels.ts';

describe('label selectors as labels.Parse reads them', () => {
  it('refuses malformed text with the words real kubectl 1.33 prints (`kubectl top pod -l …`)', () => {
    const cases: [string, string][] = [
      ['!!', "unable to parse requirement: found '!', expected: identifier"],
      ['(((', "found '(', expected: !, identifier, or 'end of string'"],
      ['a=b,(((', "found '(', expected: identifier after ','"],
      ['a_', `unable to parse requirement: <nil>: Invalid value: "a_": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`],
      ['a=b_', `unable to parse requirement: values[0][a]: Invalid value: "b_": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
      ['a in (x,y', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['a in x', "unable to parse requirement: found 'x' expected: '('"],
      ['a,', "found '', expected: identifier after ','"],
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['a=b=c', "found '=', expected: ',' or 'end of string'"],
      ['a>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
      ['=x', "found '=', expected: !, identifier, or 'end of string'"],
      ['!a=b', "found '=', expected: ',' or 'end of string'"],
      ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
      ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ];
    for (const [text, error] of cases) expect(parseLabelSelector(text), text).toEqual({ ok: false, error });
  });

  it('reads every operator, sorted by key, and matches labels with them', () => {
    const parsed = parseLabelSelector('  tier notin (x) , app = web,!legacy,rank>2,zone in (b,,a),team');
    expect(parsed).toEqual({
      ok: true,
      selector: {
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['web'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'rank', operator: 'Gt', values: ['2'] },
          { key: 'team', operator: 'Exists' },
          { key: 'tier', operator: 'NotIn', values: ['x'] },
          { key: 'zone', operator: 'In', values: ['', 'a', 'b'] },
        ],
      },
    });
    const sel = parsed.ok ? parsed.selector : {};
    expect(selectorMatches(sel, { app: 'web', rank: '3', team: 't', zone: 'a' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', rank: '2', team: 't', zone: 'a' })).toBe(false);
    expect(selectorMatches(sel, { app: 'web', rank: '3', team: 't', zone: 'a', legacy: '' })).toBe(false);
    expect(selectorMatches(sel, { app: 'web', rank: 'x', team: 't', zone: 'a' })).toBe(false);
    expect(parseLabelSelector('a notin ()')).toEqual({ ok: true, selector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [''] }] } });
  });
});
