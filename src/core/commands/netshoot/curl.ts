import type { Command } from '../types.ts';
import { noView, viewOf } from '../busybox/common.ts';
import { podCurl } from '../kubectl/verbs/exec/curl.ts';

/**
 * netshoot's curl (8.x, Alpine): the pod-network curl of `kubectl exec` (kubectl/verbs/exec/curl.ts)
 * with curl 8's wording for a refused connect (`Could not connect to server`, where 7.81 printed
 * the errno's `Connection refused`).
 */
export const netshootCurl: Command = {
  name: 'curl',
  places: ['debug'],
  toolsets: ['netshoot'],
  summary: 'transfer a URL',
  run(ctx) {
    const view = viewOf(ctx);
    if (!view) return noView('curl');
    return podCurl(ctx, view, ctx.argv.slice(1), { refused: 'Could not connect to server' });
  },
};
