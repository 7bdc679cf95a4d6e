import type { Command } from '../types.ts';
import { bbCat, bbLs } from './files.ts';
import { bbNc, bbNslookup, bbWget } from './net.ts';
import { bbEnv, bbHostname, bbId, bbPrintenv, bbPs, bbWhoami } from './procs.ts';

/**
 * The busybox applets of a shell inside a pod's container (`kubectl debug -it --image=busybox`):
 * they read the container's view (container/view.ts), not the node. Registered after the node
 * tools, so for the `debug` place these win over the node's cat, ls, ps and hostname.
 */
export const busyboxCommands: Command[] = [bbCat, bbLs, bbPs, bbEnv, bbPrintenv, bbHostname, bbId, bbWhoami, bbNslookup, bbWget, bbNc];
