import type { KubectlVerb } from '../verb.ts';
import { alpha } from './alpha/index.ts';
import { annotate } from './annotate/index.ts';
import { apiResources } from './api-resources/index.ts';
import { apiVersions } from './api-versions/index.ts';
import { apply } from './apply/index.ts';
import { attach } from './attach/index.ts';
import { auth } from './auth/index.ts';
import { clusterInfo } from './cluster-info/index.ts';
import { config } from './config/index.ts';
import { completion } from './completion/index.ts';
import { cordon } from './cordon/index.ts';
import { cp } from './cp/index.ts';
import { create } from './create/index.ts';
import { debug } from './debug/index.ts';
import { deleteVerb } from './delete/index.ts';
import { verb as describe } from './describe/index.ts';
import { diffVerb } from './diff/index.ts';
import { drain } from './drain/index.ts';
import { edit } from './edit/index.ts';
import { verb as events } from './events/index.ts';
import { verb as exec } from './exec/index.ts';
import { explainVerb } from './explain/index.ts';
import { expose } from './expose/index.ts';
import { autoscale } from './autoscale/index.ts';
import { certificate } from './certificate/index.ts';
import { getVerb } from './get/index.ts';
import { kustomize } from './kustomize/index.ts';
import { label } from './label/index.ts';
import { verb as logs } from './logs/index.ts';
import { patch } from './patch/index.ts';
import { plugin } from './plugin/index.ts';
import { portForward } from './port-forward/index.ts';
import { proxy } from './proxy/index.ts';
import { replace } from './replace/index.ts';
import { rollout } from './rollout/index.ts';
import { run } from './run/index.ts';
import { scale } from './scale/index.ts';
import { set } from './set/index.ts';
import { taint } from './taint/index.ts';
import { verb as top } from './top/index.ts';
import { uncordon } from './uncordon/index.ts';
import { version } from './version/index.ts';
import { wait } from './wait/index.ts';

/** Every kubectl verb the simulator implements: one line each. Help lists them in kubectl's groups. */
export const VERBS: readonly KubectlVerb[] = [
  getVerb,
  describe,
  logs,
  events,
  exec,
  attach,
  cp,
  portForward,
  proxy,
  debug,
  top,
  certificate,
  cordon,
  uncordon,
  drain,
  taint,
  label,
  annotate,
  scale,
  autoscale,
  expose,
  set,
  rollout,
  wait,
  kustomize,
  create,
  apply,
  replace,
  edit,
  run,
  diffVerb,
  deleteVerb,
  patch,
  version,
  clusterInfo,
  apiResources,
  apiVersions,
  plugin,
  explainVerb,
  auth,
  config,
  completion,
  alpha,
];
