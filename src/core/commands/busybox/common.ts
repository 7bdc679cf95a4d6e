import { containerView, type ContainerView } from '../../container/view.ts';
import type { CommandContext, CommandResult } from '../types.ts';

/**
 * Shared pieces of the busybox applets of a pod debug shell (busybox 1.36, as in `busybox:1.36`).
 * Busybox words its errors its own way (`cat: can't open 'x': No such file or directory`) and
 * parses options with getopt32: an unknown one prints `applet: unrecognized option: z` then the
 * applet's usage, exit 1.
 */
export function viewOf(ctx: CommandContext): ContainerView | undefined {
  return containerView(ctx.state, ctx.frame);
}

/** An applet's `--help`/usage text as busybox 1.36.1 prints it: the banner, `Usage:` line and description. */
export const bbUsage = (applet: string, line: string, text: string) => `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${applet} ${line}\n\n${text}\n`;

/** The answer when the frame is not in a pod container (should not happen: the applets live only there). */
export const noView = (applet: string): CommandResult => ({ stdout: '', stderr: `${applet}: can't access container\n`, exitCode: 1 });

/**
 * A tiny getopt for busybox applets: `spec` lists single-letter flags; letters followed by `:` take
 * a value. Long options (`--spider`) are given in `long`. Returns the flags and the operands.
 */
export function bbArgs(applet: string, usage: string, args: readonly string[], spec: string, long: readonly string[] = []):
  { ok: true; flags: Map<string, string | true>; operands: string[] } | { ok: false; result: CommandResult } {
  const flags = new Map<string, string | true>();
  const operands: string[] = [];
  const takes = new Set<string>();
  const known = new Set<string>();
  for (let i = 0; i < spec.length; i++) {
    known.add(spec[i]);
    if (spec[i + 1] === ':') { takes.add(spec[i]); i++; }
  }
  const bad = (msg: string) => ({ ok: false as const, result: { stdout: '', stderr: `${applet}: ${msg}\n${usage}`, exitCode: 1 } });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--') && a.length > 2) {
      const [name, value] = a.slice(2).split('=', 2);
      if (!long.includes(name)) return bad(`unrecognized option '${a}'`);
      flags.set(name, value ?? true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (!known.has(c)) return bad(`unrecognized option: ${c}`);
        if (takes.has(c)) {
          const value = a.slice(j + 1) || args[++i];
          if (value === undefined) return bad(`option requires an argument: ${c}`);
          flags.set(c, value);
          break;
        }
        flags.set(c, true);
      }
      continue;
    }
    operands.push(a);
  }
  return { ok: true, flags, operands };
}
