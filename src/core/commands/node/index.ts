import type { Command } from '../types.ts';
import { cat, less, more } from './cat/index.ts';
import { crictl } from './crictl/index.ts';
import { date } from './date/index.ts';
import { df } from './df/index.ts';
import { dmesg } from './dmesg/index.ts';
import { free } from './free/index.ts';
import { etcdctl } from './etcdctl/index.ts';
import { iostat } from './iostat/index.ts';
import { curl } from './curl/index.ts';
import { laptopCurl } from './curl/laptop.ts';
import { hostname } from './hostname/index.ts';
import { ip } from './ip/index.ts';
import { journalctl } from './journalctl/index.ts';
import { ls } from './ls/index.ts';
import { lscpu } from './lscpu/index.ts';
import { nproc } from './nproc/index.ts';
import { ps } from './ps/index.ts';
import { strace } from './strace/index.ts';
import { systemctl } from './systemctl/index.ts';
import { top } from './top/index.ts';
import { uname } from './uname/index.ts';
import { uptime } from './uptime/index.ts';
import { env, printenv } from './env/index.ts';
import { which } from './which/index.ts';
import { id, whoami } from './id/index.ts';
import { sudo } from './sudo/index.ts';
import { cp, mkdir, mv, rm, touch } from './files/index.ts';
import { watch } from './watch/index.ts';
import { mount } from './mount/index.ts';
import { findmnt } from './findmnt/index.ts';
import { stat } from './stat/index.ts';
import { pgrep, pkill } from './pgrep/index.ts';
import { vmstat } from './vmstat/index.ts';
import { sysctl } from './sysctl/index.ts';
import { lsblk } from './lsblk/index.ts';
import { ctr } from './ctr/index.ts';
import { dig } from './dig/index.ts';
import { ss } from './ss/index.ts';
import { lsof } from './lsof/index.ts';
import { ping } from './ping/index.ts';
import { du } from './du/index.ts';
import { find } from './find/index.ts';
import { ip6tables, ip6tablesSave, iptables, iptablesSave } from './iptables/index.ts';

/** The tools of a node shell (after `ssh <node>`), and of a node debug container where `places` says so. */
export const nodeCommands: Command[] = [
  journalctl, dmesg, crictl, df, free, cat, less, more, ls, lscpu, uname, ps, systemctl, uptime, hostname, date, top, strace, ip, nproc, etcdctl, iostat, curl, laptopCurl,
  env, printenv, which, id, whoami, sudo, mkdir, rm, touch, cp, mv, watch,
  mount, findmnt, stat, pgrep, pkill, vmstat, sysctl, lsblk, ctr, find, dig, ss, lsof, ping, du,
  iptables, iptablesSave, ip6tables, ip6tablesSave,
];
