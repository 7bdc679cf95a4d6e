import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'address', type: 'stringArray', default: ['localhost'], help: '' },
  { name: 'label', short: 'l', type: 'stringArray', help: '' },
];

function address(args: string[]): unknown {
  const r = parseFlags(args, specs);
  return r.ok ? r.flags.values.address : r.error;
}

describe('stringArray flags, as pflag reads them', () => {
  it('keep the default when the flag is not typed', () => {
    expect(address([])).toEqual(['localhost']);
  });

  it('replace the default with the first typed value, then append', () => {
    expect(address(['--address', '0.0.0.0'])).toEqual(['0.0.0.0']);
    expect(address(['--address=a', '--address', 'b'])).toEqual(['a', 'b']);
  });

  it('collect repeated shorthands without a default', () => {
    const r = parseFlags(['-l', 'x', '-ly', '--label=z'], specs);
    expect(r.ok && r.flags.values.label).toEqual(['x', 'y', 'z']);
    expect(r.ok && r.flags.raw.label).toEqual(['x', 'y', 'z']);
  });
});
