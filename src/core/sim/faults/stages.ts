import { isDraft, original } from 'immer';
import type { ClusterState, FaultRule } from '../../model/state.ts';
import { builtinChecks } from './builtin.ts';
import { findFaultKind } from './kinds.ts';
import type { ContainerOutcome, FaultContext, FaultKind, FinalizeContext, FinalizeVerdict, HookStage } from './types.ts';

type Hook<S extends HookStage> = NonNullable<FaultKind<unknown>[S]>;
type HookContext<S extends HookStage> = Parameters<Hook<S>>[1];
type Verdict<S extends HookStage> = NonNullable<ReturnType<Hook<S>>>;

/** Every rule in force: kubelet's and the control plane's own checks, then the scenario's faults in file order. */
function activeRules(state: ClusterState): [FaultKind<any>, FaultRule][] {
  // Asked at every stage of every container start: kept per faults list (never edited in place).
  const faults = state.faults;
  // The list as stored, never a draft: the cached rules outlive the action that first read them.
  const stored = (isDraft(faults) ? original(faults) : faults) as FaultRule[];
  const known = rulesCache.get(stored);
  if (known) return known;
  const out: [FaultKind<any>, FaultRule][] = builtinChecks.map((k) => [k, { kind: k.kind }]);
  for (const rule of stored) {
    const kind = findFaultKind(rule.kind);
    if (kind) out.push([kind, rule]);
  }
  rulesCache.set(stored, out);
  return out;
}
const rulesCache = new WeakMap<object, [FaultKind<any>, FaultRule][]>();

/**
 * Runs one stage's hooks and returns the first verdict, or undefined when nothing breaks there
 * (the stage then succeeds as on a healthy cluster). The scheduler, kubelet and the API server
 * call this at each stage point; see faults/types.ts for what each verdict means.
 */
export function stageVerdict<S extends HookStage>(state: ClusterState, stage: S, ctx: HookContext<S>): Verdict<S> | undefined {
  for (const [kind, rule] of activeRules(state)) {
    const hook = kind[stage] as ((rule: unknown, ctx: HookContext<S>) => Verdict<S> | undefined) | undefined;
    const verdict = hook?.call(kind, rule, ctx);
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

/** A run no fault ends: the process keeps running. */
const HEALTHY_RUN = { exitAfterMs: Infinity, exitCode: 0, reason: '' } as const;

/** A run no fault ends of an image whose program ends by itself (its `exit`): Completed on 0, Error otherwise. */
function programEnd(ctx: FaultContext): ContainerOutcome | undefined {
  const exit = ctx.image?.exit;
  return exit && { exitAfterMs: exit.afterMs, exitCode: exit.code, reason: exit.code === 0 ? 'Completed' : 'Error', readyWhileRunning: true };
}

/**
 * How a container started now will run: the `run` stage's verdict (how it ends) with the `probe`
 * stage's (what its probes meet) laid over it; undefined when neither stage has anything to say.
 * A pure function of the attempt, so kubelet derives it again at the exit instead of storing it.
 */
export function containerOutcome(ctx: FaultContext): ContainerOutcome | undefined {
  const run = stageVerdict(ctx.state, 'run', ctx) ?? programEnd(ctx);
  const probe = stageVerdict(ctx.state, 'probe', ctx);
  if (!probe) return run;
  const base: ContainerOutcome = run ?? HEALTHY_RUN;
  return { ...base, ...probe, logs: [...(base.logs ?? []), ...(probe.logs ?? [])] };
}

/**
 * The `finalize` stage: every rule's verdict, merged (several controllers may each add or release
 * their own finalizers), or undefined when none acts.
 */
export function finalizeVerdicts(state: ClusterState, ctx: FinalizeContext): FinalizeVerdict | undefined {
  const add: string[] = [];
  const remove: string[] = [];
  for (const [kind, rule] of activeRules(state)) {
    const v = kind.finalize?.call(kind, rule, ctx);
    if (v?.add) add.push(...v.add);
    if (v?.remove) remove.push(...v.remove);
  }
  return add.length || remove.length ? { add, remove } : undefined;
}

/** Lets every scenario rule with an `advance` hook act on the time that just passed (from, to] (ms). */
export function advanceFaults(state: ClusterState, from: number, to: number): void {
  if (to <= from) return;
  for (const rule of state.faults) findFaultKind(rule.kind)?.advance?.(rule, state, from, to);
}
