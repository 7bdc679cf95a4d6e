import type { z } from 'zod';
import type { Container, Pod } from '../../model/k8s.ts';
import type { Host } from '../../model/host.ts';
import type { ClusterState, ImageBehaviour } from '../../model/state.ts';

/** What a container about to start will meet, handed to each fault. */
export interface FaultContext {
  state: ClusterState;
  pod: Pod;
  container: Container;
  host: Host;
  image: ImageBehaviour | undefined;
  /** 0 for the first start, then restartCount. */
  attempt: number;
}

/** How a container's run ends, decided when it starts. */
export interface ContainerOutcome {
  /** ms after start when the process dies. */
  exitAfterMs: number;
  /** As the runtime reports it: 128 + signal for a signal death (132 for SIGILL, 137 for SIGKILL). */
  exitCode: number;
  /** lastState.terminated.reason: `Error`, `OOMKilled`, `Completed`. */
  reason: string;
  /** The signal that killed the process, if any (4 = SIGILL, 9 = SIGKILL); used by strace and the kernel log. */
  signal?: number;
  /**
   * Kernel ring buffer lines printed at the death, given the process id, command name, the runtime's
   * container id and how often this pod's cgroup has already been OOM-killed (for failcnt).
   */
  kernelLines?(proc: { pid: number; comm: string; at: number; state: ClusterState; containerId: string; priorOomKills: number }): string[];
  /** Whether the container passes readiness while it runs (it serves until it is killed); default false. */
  readyWhileRunning?: boolean;
  /** Log lines the container writes before dying, in addition to the image's start-up lines. */
  logs?: { afterMs: number; stream: 'stdout' | 'stderr'; text: string }[];
  /**
   * A container that keeps running but whose readiness probe fails from `afterMs` after start
   * (0: never ready), with the probe's output. Use with `exitAfterMs: Infinity`.
   */
  unready?: { afterMs: number; probeOutput: string };
  /**
   * A slow starter: the process keeps running but its health endpoint answers only `healthyAfterMs`
   * after start. Until then every probe fails (`refusal`: nothing listens yet, or the server answers
   * 503); kubelet's probes (sim/probes.ts) decide whether it is killed first. `sigterm` is how the
   * process takes kubelet's SIGTERM: `exit` (a handler shuts down: exit 143 within a second,
   * after `shutdownLogs`) or `ignore` (SIGKILL after the grace period: exit 137). Use with
   * `exitAfterMs: Infinity`.
   */
  warmUp?: { healthyAfterMs: number; refusal: 'connection-refused' | 'http-503'; sigterm: 'exit' | 'ignore'; shutdownLogs: { text: string; stream: 'stdout' | 'stderr' }[] };
}

/**
 * A kind of fault a scenario can declare under `faults:`. One file per kind, one line in
 * faults/registry.ts. `params` validates the rule's fields (the scenario loader reports its
 * errors with the file and field).
 */
export interface FaultKind<P = unknown> {
  kind: string;
  /** One sentence for authors: what the fault does. */
  description: string;
  params: z.ZodType<P>;
  /** The outcome for this container start, or undefined when the rule does not apply. */
  outcome(rule: P, ctx: FaultContext): ContainerOutcome | undefined;
  /**
   * For kinds that model memory: the container's usage in Mi after `ranMs` of run time, or
   * undefined when the rule does not apply (sim/memory.ts then falls back to the image's figure).
   */
  memoryMi?(rule: P, ctx: FaultContext, ranMs: number): number | undefined;
}
