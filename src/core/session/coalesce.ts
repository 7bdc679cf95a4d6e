import type { Input } from './types.ts';

/**
 * The input log with each run of consecutive clock ticks folded into its last one (docs/shapes.md
 * §5): the clock and every follow move on virtual time alone, so `tick(a), tick(b)` and `tick(b)`
 * leave the same state and print the same transcript. A browser ticks four times a second while a
 * command follows, so an hour of `journalctl -f` shrinks from 14,400 inputs to one. Never changes
 * a command, an answer, a hint or an interrupt, nor the time of any of them.
 */
export function coalesceTicks(inputs: readonly Input[]): Input[] {
  const out: Input[] = [];
  for (const input of inputs) {
    const last = out[out.length - 1];
    if (input.type === 'tick' && last?.type === 'tick') out[out.length - 1] = input;
    else out.push(input);
  }
  return out;
}
