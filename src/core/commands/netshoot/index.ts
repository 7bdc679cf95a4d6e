import type { Command } from '../types.ts';
import { netshootCurl } from './curl.ts';
import { dig } from './dig.ts';
import { obsdNc } from './nc.ts';
import { bindNslookup } from './nslookup.ts';

/**
 * The network tools of a shell in a nicolaka/netshoot container (container/toolsets.ts): OpenBSD
 * netcat, bind9's nslookup and dig, curl 8. They read the pod's network like the busybox applets
 * (sim/network.ts, NetworkPolicies included) and answer in their own tools' words.
 */
export const netshootCommands: Command[] = [obsdNc, bindNslookup, dig, netshootCurl];
