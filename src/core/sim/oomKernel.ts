import type { Host } from '../model/host.ts';
import { hashString } from './rng.ts';

/** What the kernel knows about one OOM kill inside a memory cgroup. Sizes in bytes. */
export interface MemcgOomKill {
  host: Host;
  /** EC2-style instance type for the `Hardware name:` line, e.g. `m6i.2xlarge`. */
  instanceType: string;
  pid: number;
  /** The task's comm (at most 15 characters), e.g. `java`. */
  comm: string;
  uid: number;
  oomScoreAdj: number;
  /** cgroup paths: the pod slice whose limit was hit and the container scope of the victim. */
  podSlice: string;
  containerScope: string;
  containerId: string;
  limitBytes: number;
  /** Virtual size of the process (total-vm). */
  totalVmBytes: number;
  /** How many times the cgroup already hit its limit (failcnt). */
  failcnt: number;
}

const kb = (bytes: number) => Math.round(bytes / 1024);
const pages = (bytes: number) => Math.round(bytes / 4096);

/**
 * The ring-buffer lines of a memory-cgroup OOM kill on a 6.x kernel with cgroup v2 and
 * `memory.oom.group=1` (kubelet ≥ 1.28), in the kernel's order: the `invoked oom-killer` header,
 * the stack, the memcg usage and stats, the task table, `oom-kill:constraint=CONSTRAINT_MEMCG,…`,
 * `Memory cgroup out of memory: Killed process …`, the oom.group line and the repeated kill line
 * (mm/oom_kill.c, mm/memcontrol.c). Deterministic from the inputs.
 */
export function memcgOomLines(k: MemcgOomKill): string[] {
  const h = hashString(`${k.containerId}/${k.pid}`);
  const anon = k.limitBytes - 4096 * (200 + (h % 300));
  const file = 4096 * (4800 + (h % 900));
  const pgtables = 4096 * (260 + (h % 40));
  const cpu = h % Math.max(1, k.host.cpu.cores);
  const killed = `Memory cgroup out of memory: Killed process ${k.pid} (${k.comm}) total-vm:${kb(k.totalVmBytes)}kB, anon-rss:${kb(anon)}kB, file-rss:${kb(file)}kB, shmem-rss:0kB, UID:${k.uid} pgtables:${kb(pgtables)}kB oom_score_adj:${k.oomScoreAdj}`;
  const stat = (name: string, v: number) => `${name} ${v}`;
  return [
    `${k.comm} invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=${k.oomScoreAdj}`,
    `CPU: ${cpu} PID: ${k.pid} Comm: ${k.comm} Not tainted ${k.host.kernelRelease} ${k.host.kernelBuild.split(' ')[0]}`,
    `Hardware name: Amazon EC2 ${k.instanceType}/, BIOS 1.0 10/16/2017`,
    'Call Trace:',
    ' <TASK>',
    ' dump_stack_lvl+0x48/0x70',
    ' dump_stack+0x10/0x20',
    ' dump_header+0x50/0x290',
    ' oom_kill_process+0x10d/0x1c0',
    ' out_of_memory+0x103/0x350',
    ' mem_cgroup_out_of_memory+0x145/0x170',
    ' try_charge_memcg+0x6d6/0x7d0',
    ' __mem_cgroup_charge+0x45/0xc0',
    ' do_anonymous_page+0x2f8/0x6a0',
    ' __handle_mm_fault+0xb6d/0xc30',
    ' handle_mm_fault+0x18d/0x380',
    ' do_user_addr_fault+0x1f3/0x6a0',
    ' exc_page_fault+0x81/0x1a0',
    ' asm_exc_page_fault+0x27/0x30',
    ` RIP: 0033:0x7f${(h % 0xfffffff).toString(16).padStart(7, '0')}a1c`,
    ' </TASK>',
    `memory: usage ${kb(k.limitBytes)}kB, limit ${kb(k.limitBytes)}kB, failcnt ${k.failcnt}`,
    'swap: usage 0kB, limit 0kB, failcnt 0',
    `Memory cgroup stats for ${k.podSlice}:`,
    stat('anon', anon), stat('file', file), stat('kernel', k.limitBytes - anon - file > 0 ? k.limitBytes - anon - file : 4096 * 900),
    stat('kernel_stack', 4096 * 140), stat('pagetables', pgtables), stat('sec_pagetables', 0), stat('percpu', 4096 * 6),
    stat('sock', 0), stat('vmalloc', 4096 * 9), stat('shmem', 0), stat('file_mapped', file - 4096 * 300),
    stat('file_dirty', 0), stat('file_writeback', 0), stat('swapcached', 0), stat('anon_thp', 0),
    stat('inactive_anon', anon - 4096 * 1200), stat('active_anon', 4096 * 1200),
    stat('inactive_file', Math.round(file / 2)), stat('active_file', file - Math.round(file / 2)), stat('unevictable', 0),
    'Tasks state (memory values in pages):',
    '[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name',
    `[${String(k.pid).padStart(7)}] ${String(k.uid).padStart(5)} ${String(k.pid).padStart(5)} ${String(pages(k.totalVmBytes)).padStart(8)} ${String(pages(anon + file)).padStart(8)} ${String(pages(anon)).padStart(8)} ${String(pages(file)).padStart(8)} ${'0'.padStart(9)} ${String(pgtables).padStart(14)} ${'0'.padStart(8)} ${String(k.oomScoreAdj).padStart(13)} ${k.comm}`,
    `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-${k.containerId}.scope,mems_allowed=0,oom_memcg=${k.podSlice},task_memcg=${k.containerScope},task=${k.comm},pid=${k.pid},uid=${k.uid}`,
    killed,
    `Tasks in ${k.containerScope} are going to be killed due to memory.oom.group set`,
    killed,
  ];
}
