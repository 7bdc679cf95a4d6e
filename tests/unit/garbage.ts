/**
 * The garbage sweep: whatever a learner types, in any place of any scenario, gets the real tool's
 * error or usage text, never `bash: internal error` (an exception caught by the session) and never
 * a JavaScript value leaking into the terminal (`undefined`, `NaN`, `[object Object]`, a TypeError).
 *
 * For every scenario it starts a Session and types a large, deterministic set of hostile lines on
 * the laptop, on a worker and on a control-plane node (`ssh`), and inside a
 * `kubectl debug -it … --image=busybox --target=…` container. Every command the registry knows
 * for the place is crossed with a list of bad arguments; kubectl verbs are crossed with every
 * resource word, bad names and broken output templates; etcdctl, crictl, curl, journalctl, cat
 * of /proc and /sys get their own bad inputs. Where the full cross product would be too slow,
 * a seeded PRNG picks a fixed sample, so a failure always reproduces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandNames } from '../../src/core/commands/registry.ts';
import type { Place } from '../../src/core/commands/types.ts';
import { VERBS } from '../../src/core/commands/kubectl/verbs/registry.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { Session } from '../../src/core/session/session.ts';
import { builtinsByName } from '../../src/core/shell/builtins/index.ts';

export const root = join(import.meta.dirname, '..', '..');
export const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
export const load = (file: string): Scenario => {
  const r = parseScenario(`scenarios/${file}`, readFileSync(join(root, 'scenarios', file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};

/** mulberry32: the sample of a cross product is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** `n` items of `all`, picked by `rand`, in their original order (all of them when n ≥ length). */
export function sample<T>(all: readonly T[], n: number, rand: () => number): T[] {
  if (n >= all.length) return [...all];
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(rand() * all.length));
  return [...picked].sort((a, b) => a - b).map((i) => all[i]);
}

/** Arguments no tool expects: appended to every command name of every place. */
const BAD_ARGS = [
  '', '--nope', '-Z', '-n', '--output', '--output=', '-o', '-o=', "-n ''", '-n ""', '--tail=-5', '--tail=',
  '--since=banana', '--since=-1h', '--since-time=yesterday', '-n 99999999999999999999', '-n -1', '-1', '--limit=1e309',
  '-- -', 'ünïcødé-🚀', '%', '%s%n%x', '"unterminated', "'open", '$(', '$(echo', '`', '|', ';;', '-', '--', '&&', '||',
  '>', '< /nonexistent', '2>&1 |', '\\', 'no-such-thing', '../../../../etc/passwd', '/', '-h', '--help', '--=', '---',
  '-=', '{', '[', '(', '*', '?', 'a b c d e f g h i j k', '--timeout=0', '--timeout=-1s', '-w', '--watch=banana',
  'x'.repeat(300), '0', '-0', '+5', '0x1f', '1e400', 'NaN', 'null', '-9999999999999999999', '--all-namespaces=maybe',
];
/** Words that should make the JS-leak check fire only when the program printed them, not the learner. */
const TYPED_LEAK_WORDS = new Set(['NaN', 'null']);

const RESOURCE_WORDS = ['po', 'pod', 'pods', 'deploy', 'rs', 'pdb', 'cm', 'secret', 'svc', 'no', 'ev', 'ns', 'nosuchkind', 'pod/', 'deploy/'];
const BAD_NAMES = ['nope', 'ghost-7f9c-x', "''", '..', 'a/b/c', 'UPPER_case', '-', '%'];
const OUTPUTS = [
  'json', 'yaml', 'wide', 'name', 'nope', "''", 'jsonpath={', 'jsonpath={.items[*].metadata.name', "'jsonpath={.items[0].x.y.z}'",
  "'jsonpath={range .items[*]}{.metadata.name}'", "'jsonpath={.items[?(@.x==)]}'", "'jsonpath={$}'", 'jsonpath=', "'jsonpath={.status.containerStatuses[-1].state}'",
  "'jsonpath={.items[99].metadata}'", "'jsonpath={.spec.containers[*.name}'", "'jsonpath={..name}'", "'jsonpath={.metadata.labels.app\\.kubernetes\\.io/name}'",
  'custom-columns=', 'custom-columns=A', 'custom-columns=A:', 'custom-columns=:.x', 'custom-columns=A:.metadata.name,B', "'custom-columns=A:.spec.containers[*.name'",
  'custom-columns=A:.nope.nope', "'custom-columns=N:.metadata.name,R:.status.containerStatuses[0].restartCount'", 'go-template={{', "'go-template={{.metadata.name}}'",
  "'jsonpath-as-json={.x}'", 'jsonpath-file=/nope', 'custom-columns-file=/nope', 'template=', 'go-template-file=/nope', 'yaml=', 'json=x',
];

/** What a run printed plus whether it looks broken. */
interface Finding { place: string; line: string; problem: string; output: string }

/** JS values and messages that only a bug prints (kubectl's own catch shows them as `error: Cannot read…`). */
const JS_LEAK = /Cannot read propert|is not a function|is not iterable|Maximum call stack|\bundefined\b|\bNaN\b|\[object [A-Z][a-z]+\]|\b(?:Type|Reference|Range|Syntax)Error\b|\bInfinity\b/;

export class Sweep {
  /** Called before each line (a slow-line log when hunting a hang). */
  static trace?: (place: string, line: string) => void;
  readonly findings: Finding[] = [];
  lines = 0;
  /** Leak-looking words (NaN, null) the sweep itself typed so far: files and variables it created with them are shown back later. */
  private readonly typed = new Set<string>();
  constructor(readonly session: Session, readonly legit: string) {}

  /** Types `line`; waits out a slow command, interrupts a following one; checks what it printed. */
  run(place: string, line: string): string {
    Sweep.trace?.(place, line);
    const s = this.session;
    const before = s.commandLog.length;
    let out = '';
    try {
      const r = s.run(line);
      out = r.output;
      if (s.pendingMs !== undefined) out += s.tick(s.now).output;
      else if (r.following) {
        out += s.tick(s.now + 1500).output;
        out += s.interrupt(s.now).output;
      }
    } catch (e) {
      this.findings.push({ place, line, problem: `threw ${(e as Error).stack}`, output: '' });
      return '';
    }
    this.lines++;
    if (out.includes('internal error')) this.findings.push({ place, line, problem: 'internal error', output: out });
    const leak = JS_LEAK.exec(out);
    // `history` replays what the sweep typed, NaN and all.
    // `tee NaN`, `touch null`, `export NaN` made a file or a variable that `ls`, `echo *` and `export` list later.
    for (const w of TYPED_LEAK_WORDS) if (line.includes(w)) this.typed.add(w);
    if (leak && !/^\s*history\b/.test(line) && !line.includes(leak[0]) && !this.legit.includes(leak[0]) && !(TYPED_LEAK_WORDS.has(leak[0]) && this.typed.has(leak[0]))) {
      this.findings.push({ place, line, problem: `prints ${leak[0]}`, output: out });
    }
    for (const rec of s.commandLog.slice(before)) {
      if (!Number.isInteger(rec.exitCode) || rec.exitCode < 0 || rec.exitCode > 255) this.findings.push({ place, line, problem: `exit code ${rec.exitCode}`, output: out });
    }
    return out;
  }
}

/** Lines for one place: every command name × BAD_ARGS (sampled), plus pipelines into the text tools. */
export function commandGarbage(place: Place, extra: string[], rand: () => number, perName: number): string[] {
  const names = [...commandNames(place), ...extra, ...[...builtinsByName.keys()].filter((b) => b !== 'exit' && b !== 'clear')];
  const out: string[] = [];
  for (const name of names) for (const a of sample(BAD_ARGS, perName, rand)) out.push(`${name} ${a}`.trimEnd());
  for (const name of commandNames(place)) out.push(`${name} --nope 2>&1 | grep -c .`, `echo x | ${name} -Z`);
  out.push(
    "grep '('", "grep -E '['", "grep -P '(?<'", "awk '{'", "awk '{print $99999}'", "awk 'BEGIN{x=1/0}'", 'cut -f0', "cut -d '' -f1", 'cut -c -',
    'sort -k banana', 'sort -k 0', 'head -n -5', 'head -c banana', 'tail -n +banana', 'tail -n -0', "tr 'a-' ''", 'tr', 'uniq -c -f -1', 'wc --nope',
    'sleep 99999999999999999999', 'sleep infinity', 'sleep 1e9', 'sleep 5 banana', 'time sleep 99999999',
    "echo hi | awk '{print $-1}'", "echo hi | cut -d: -f1-0", "echo hi | sed s/x/y/", "echo hi | grep -m banana h", "echo hi | tail -c -99999999999",
  );
  return out;
}

/** kubectl: verbs × resource words × bad names, output formats, and each verb's own bad flags. */
export function kubectlGarbage(s: Session, rand: () => number): string[] {
  const st = s.state;
  const pods = Object.values(st.pods);
  const pod = pods.find((p) => p.metadata.namespace !== 'kube-system') ?? pods[0];
  const ns = pod.metadata.namespace ?? 'default';
  const c = pod.spec.containers[0].name;
  const dep = Object.values(st.deployments).find((d) => d.metadata.namespace === ns) ?? Object.values(st.deployments)[0];
  const depRef = dep ? `deploy/${dep.metadata.name} -n ${dep.metadata.namespace}` : 'deploy/none';
  const depC = dep?.spec.template.spec.containers[0].name ?? c;
  const pdb = Object.values(st.pdbs)[0];
  const cm = Object.values(st.configMaps)[0];
  const secret = Object.values(st.secrets)[0];
  const svc = Object.values(st.services)[0];
  const node = Object.keys(st.nodes)[0];
  const P = `${pod.metadata.name} -n ${ns}`;
  const lines: string[] = [];

  const verbs = [...VERBS.map((v) => v.name), 'edit', 'apply', 'nosuchverb', 'auth', 'run'];
  const cross: string[] = [];
  for (const v of verbs) for (const r of RESOURCE_WORDS) for (const n of BAD_NAMES) cross.push(`kubectl ${v} ${r} ${n}`);
  lines.push(...sample(cross, 900, rand));
  for (const v of verbs) for (const a of sample(BAD_ARGS, 14, rand)) lines.push(`kubectl ${v} ${a}`);
  for (const r of RESOURCE_WORDS.slice(0, 12)) {
    for (const o of OUTPUTS) lines.push(`kubectl get ${r} -A -o ${o}`);
    for (const o of sample(OUTPUTS, 8, rand)) lines.push(`kubectl get ${r} nope -o ${o}`);
  }
  for (const o of OUTPUTS) lines.push(`kubectl get pod ${P} -o ${o}`, `kubectl get ${depRef} -o ${o}`);
  if (pdb) for (const o of sample(OUTPUTS, 12, rand)) lines.push(`kubectl get pdb ${pdb.metadata.name} -n ${pdb.metadata.namespace} -o ${o}`);
  if (cm) for (const o of sample(OUTPUTS, 8, rand)) lines.push(`kubectl get cm ${cm.metadata.name} -n ${cm.metadata.namespace} -o ${o}`);
  if (secret) for (const o of sample(OUTPUTS, 8, rand)) lines.push(`kubectl get secret ${secret.metadata.name} -n ${secret.metadata.namespace} -o ${o}`);
  if (svc) for (const o of sample(OUTPUTS, 8, rand)) lines.push(`kubectl get svc ${svc.metadata.name} -n ${svc.metadata.namespace} -o ${o}`);
  for (const o of sample(OUTPUTS, 10, rand)) lines.push(`kubectl get no ${node} -o ${o}`, `kubectl get ev -n ${ns} -o ${o}`, `kubectl events -n ${ns} -o ${o}`);

  lines.push(
    // get/describe selectors, sorting, watching
    "kubectl get pods -l '!!'", "kubectl get pods -A -l 'a in (b'", 'kubectl get pods -A --field-selector=spec.nodeName', "kubectl get pods -A --field-selector='=='",
    'kubectl get pods -A --field-selector=status.phase!=', "kubectl get pods -A --sort-by='{'", 'kubectl get pods -A --sort-by=.metadata.nope', 'kubectl get pods -A --sort-by=.status.containerStatuses[0].restartCount',
    'kubectl get pods -A --sort-by=.spec.containers', 'kubectl get pods -A --sort-by=status', 'kubectl get pods -A --chunk-size=-1', 'kubectl get pods -A --show-labels=banana', "kubectl get pods -A -L ''",
    `kubectl get pods -n ${ns} -w`, `kubectl get pods -n ${ns} -w -o wide`, `kubectl get pod ${P} -w -o 'jsonpath={'`, 'kubectl get', 'kubectl get all', 'kubectl get all -A -o json', 'kubectl get pods,nope', 'kubectl get pods,deploy,pdb,cm,secret,svc -A',
    'kubectl get pods/', 'kubectl get /x', 'kubectl get pod/a deploy', `kubectl describe pod ${P} -o yaml`, "kubectl describe pods -A -l '!!'", 'kubectl describe', `kubectl describe ${depRef} --show-events=banana`,
    'kubectl describe no nope', `kubectl describe no ${node} ${node}`, 'kubectl get --raw /nope', "kubectl get --raw ''", 'kubectl get --raw /api/v1/nodes/nope', 'kubectl -n', 'kubectl --namespace=', 'kubectl -v=banana get pods',
    'kubectl --context=nope get pods', 'kubectl --kubeconfig=/nope get pods', "kubectl --request-timeout=banana get pods", 'kubectl --request-timeout=-1s get pods', 'kubectl -s http://[ get pods',
    // logs
    `kubectl logs ${P} --tail=-5`, `kubectl logs ${P} --tail=banana`, `kubectl logs ${P} --since=banana`, `kubectl logs ${P} --since=-1s`, `kubectl logs ${P} --since=1h --since-time=2020-01-01T00:00:00Z`,
    `kubectl logs ${P} -c nope`, `kubectl logs ${P} --previous=banana`, `kubectl logs ${P} -p -c ${c}`, `kubectl logs ${P} --limit-bytes=-1`, `kubectl logs ${P} --limit-bytes=banana`, `kubectl logs ${P} --since-time=bad`,
    `kubectl logs ${P} --tail=99999999999999999999`, `kubectl logs -n ${ns} -l '!!'`, `kubectl logs -n ${ns} -l app=nope`, 'kubectl logs deploy/nope', 'kubectl logs pdb/x', `kubectl logs ${P} -f`, `kubectl logs ${P} -f --tail=0`,
    `kubectl logs ${P} --timestamps=banana`, `kubectl logs ${P} ${c} extra`, `kubectl logs ${depRef} --all-containers`, `kubectl logs ${P} --max-log-requests=0`, 'kubectl logs', 'kubectl logs -p',
    // exec
    `kubectl exec ${P}`, `kubectl exec ${P} --`, `kubectl exec ${P} -- ''`, `kubectl exec -it ${P} -c nope -- sh`, `kubectl exec ${P} -- cat /proc/1/environ`, 'kubectl exec nope -- ls',
    `kubectl exec ${P} -- /nonexistent`, `kubectl exec -it ${P} -- sh -c 'exit 3'`, `kubectl exec ${P} -c -- ls`, `kubectl exec deploy/nope -- ls`, `kubectl exec ${depRef} -- env`,
    // scale / top / events
    `kubectl scale ${depRef} --replicas=-1`, `kubectl scale ${depRef} --replicas=banana`, `kubectl scale ${depRef} --replicas=`, `kubectl scale ${depRef} --replicas=99999999999`, 'kubectl scale pod/x --replicas=1',
    `kubectl scale ${depRef}`, `kubectl scale ${depRef} --replicas=1 --current-replicas=banana`, 'kubectl top pod --sort-by=banana', 'kubectl top node nope', "kubectl top pod -A -l '!!'", 'kubectl top nope', 'kubectl top',
    `kubectl top pod ${P} --containers=banana`, 'kubectl top pod -A --sort-by=memory', `kubectl top pod -n ${ns} --sort-by=cpu`, 'kubectl events --for=nope', 'kubectl events --for=pod/', 'kubectl events --for=/x',
    'kubectl events -A --types=banana', 'kubectl events -A --types=', 'kubectl events -A -w', 'kubectl events -o nope', `kubectl events -n ${ns} --for=pod/${pod.metadata.name}`, 'kubectl events -A --no-headers=banana',
    // config / version / api-resources
    'kubectl config', "kubectl config view -o 'jsonpath={'", 'kubectl config use-context nope', 'kubectl config get-contexts nope', 'kubectl config set-context', 'kubectl config nope',
    'kubectl config view --minify=banana', "kubectl config view -o 'jsonpath={.contexts[99].name}'", 'kubectl version -o banana', 'kubectl version --client=banana', 'kubectl api-resources --verbs=',
    'kubectl api-resources -o banana', 'kubectl api-resources --api-group=nope', 'kubectl api-resources --namespaced=maybe', 'kubectl explain', 'kubectl explain nope',
    // label / annotate / taint / cordon
    'kubectl label pod x =y', `kubectl label pod ${P} 'a b=c'`, `kubectl label pod ${P} x-`, `kubectl label no ${node} =`, `kubectl annotate ${depRef} '%'`, `kubectl label pod ${P} a=b a=c`,
    `kubectl label pod ${P} 'a=b c'`, `kubectl label pod ${P} ${'k'.repeat(80)}=v`, `kubectl annotate pod ${P} --overwrite=banana a=b`, `kubectl taint nodes ${node} =:NoSchedule`,
    `kubectl taint nodes ${node} k=v:Bogus`, `kubectl taint nodes ${node} nope-`, `kubectl taint nodes ${node}`, 'kubectl taint pod x k=v:NoSchedule', 'kubectl taint nodes nope k=v:NoSchedule',
    `kubectl taint nodes ${node} k=v`, `kubectl taint nodes ${node} :NoSchedule`, 'kubectl cordon nope', 'kubectl cordon', 'kubectl uncordon nope', "kubectl cordon -l '!!'", `kubectl cordon ${node} --dry-run=banana`,
    // set
    `kubectl set resources ${depRef} --limits=memory=banana`, `kubectl set resources ${depRef} --limits=cpu=-1`, `kubectl set resources ${depRef} --limits=`, `kubectl set resources ${depRef} --limits==`,
    `kubectl set resources ${depRef} --limits=memory`, `kubectl set resources ${depRef} --requests=cpu=1e99`, `kubectl set resources ${depRef} -c nope --limits=cpu=1`, `kubectl set resources ${depRef}`,
    `kubectl set resources ${depRef} --limits=memory=1Gi --requests=memory=2Gi`, `kubectl set resources ${depRef} --limits=gpu=1`, `kubectl set resources ${depRef} --limits=memory=1Gi,`, `kubectl set resources ${depRef} --limits=memory=1Gi -o 'jsonpath={'`,
    `kubectl set resources ${depRef} --limits=memory=0.5.5Gi`, `kubectl set resources ${depRef} --limits=memory=1Zi`, `kubectl set resources pod ${P} --limits=cpu=1`, 'kubectl set resources deploy/nope --limits=cpu=1', 'kubectl set resources --limits=cpu=1',
    `kubectl set env ${depRef} =x`, `kubectl set env ${depRef} FOO`, `kubectl set env ${depRef} -e`, `kubectl set env ${depRef} --from=configmap/nope`, `kubectl set env ${depRef} --from=nope`, `kubectl set env ${depRef} --from=secret/`,
    `kubectl set env ${depRef} NOPE-`, `kubectl set env ${depRef} --list`, `kubectl set env ${depRef} --list -c nope`, `kubectl set env ${depRef} -c '[' A=b`, `kubectl set env ${depRef} 1BAD=x`, `kubectl set env ${depRef} 'A B=c'`,
    `kubectl set env ${depRef} A=1 A-`, `kubectl set env ${depRef} --overwrite=false ${'X'}=1`, `kubectl set env ${depRef} --keys=nope --from=configmap/nope`, `kubectl set env ${depRef} --prefix=-- --from=configmap/nope`, 'kubectl set env',
    `kubectl set env ${depRef} --list -o yaml`, `kubectl set env ${depRef} --resolve=banana --list`, 'kubectl set env pods --all -A --list', `kubectl set image ${depRef} nope=x`, `kubectl set image ${depRef} =x`, `kubectl set image ${depRef} '*='`,
    `kubectl set image ${depRef} app`, `kubectl set image ${depRef} ${depC}=`, `kubectl set image ${depRef} ${depC}=UPPER:tag`, `kubectl set image ${depRef} ${depC}='bad image'`, 'kubectl set image', 'kubectl set nope', 'kubectl set',
    `kubectl set image ${depRef} ${depC}=x ${depC}=y`, `kubectl set resources ${depRef} -l '!!' --limits=cpu=1`, `kubectl set env ${depRef} --dry-run=banana A=1`,
    // patch
    ...patchGarbage(depRef, depC, P, c, pdb && `pdb ${pdb.metadata.name} -n ${pdb.metadata.namespace}`, cm && `cm ${cm.metadata.name} -n ${cm.metadata.namespace}`, secret && `secret ${secret.metadata.name} -n ${secret.metadata.namespace}`),
    // create
    'kubectl create', 'kubectl create pdb', 'kubectl create pdb x', 'kubectl create pdb x --selector=', "kubectl create pdb x --selector='!!'", 'kubectl create pdb x --selector=app=y --min-available=banana',
    'kubectl create pdb x --selector=app=y --min-available=-1', 'kubectl create pdb x --selector=app=y --max-unavailable=200%', 'kubectl create pdb x --selector=app=y --min-available=1 --max-unavailable=1',
    'kubectl create nope', 'kubectl create pdb x --selector=app=y --min-available=1%', 'kubectl create pdb x --selector=app=y --min-available=1e9', "kubectl create pdb '' --selector=app=y --min-available=1",
    'kubectl create pdb UPPER --selector=app=y --min-available=1', `kubectl create pdb x -n nope --selector=app=y --min-available=1`, 'kubectl create pdb x --selector=app=y --min-available=1 -o banana',
    "kubectl create pdb x --selector=app=y --min-available=1 -o 'jsonpath={'", 'kubectl create pdb x --selector=app=y --min-available=1 --dry-run=banana', 'kubectl create pdb x --selector=app=y --min-available=', 'kubectl create pdb x --selector=app=y --max-unavailable=%',
    'kubectl create deployment', 'kubectl create configmap', 'kubectl create secret', 'kubectl create -f /nope', 'kubectl create pdb a b --selector=app=y --min-available=1',
    // rollout
    'kubectl rollout status deploy/nope', `kubectl rollout status ${depRef} --timeout=banana`, `kubectl rollout status ${depRef} --revision=-1`, `kubectl rollout status ${depRef} --revision=banana`,
    `kubectl rollout history ${depRef} --revision=999`, `kubectl rollout history ${depRef} --revision=-3`, `kubectl rollout undo ${depRef} --to-revision=999`, `kubectl rollout undo ${depRef} --to-revision=-1`,
    'kubectl rollout bogus', 'kubectl rollout restart', 'kubectl rollout restart pod/x', 'kubectl rollout pause', 'kubectl rollout', `kubectl rollout status ${depRef} --timeout=1ms`, `kubectl rollout status ${depRef} -w=banana`,
    `kubectl rollout history ${depRef} -o 'jsonpath={'`, `kubectl rollout history ${depRef} --revision=1 -o yaml`, `kubectl rollout status pod/${pod.metadata.name} -n ${ns}`, 'kubectl rollout status pdb/x', `kubectl rollout undo ${depRef} --dry-run=banana`,
    'kubectl rollout status deploy', 'kubectl rollout history', 'kubectl rollout undo', `kubectl rollout restart ${depRef} --dry-run=banana`, 'kubectl rollout resume deploy/nope',
    // drain
    'kubectl drain nope', `kubectl drain ${node} --timeout=banana`, `kubectl drain ${node} --grace-period=banana`, `kubectl drain ${node} --pod-selector='!!'`, `kubectl drain --selector='=='`,
    'kubectl drain', `kubectl drain ${node} --delete-emptydir-data=banana`, `kubectl drain ${node} --timeout=-5s`, `kubectl drain ${node} --skip-wait-for-delete-timeout=banana`, `kubectl drain ${node} --dry-run=banana`,
    `kubectl drain ${node} --chunk-size=banana`, `kubectl drain ${node} --disable-eviction=maybe`, 'kubectl drain pod/x',
    // debug
    'kubectl debug', 'kubectl debug nope', `kubectl debug -it ${P} --image=`, `kubectl debug -it ${P} --image=busybox --target=nope`, `kubectl debug ${P} --image=busybox`, 'kubectl debug node/nope -it --image=busybox',
    `kubectl debug -it ${P}`, `kubectl debug -it ${P} --image=busybox --copy-to=`, `kubectl debug -it ${P} --image=busybox --profile=banana`, `kubectl debug -it ${P} --image=busybox -c ''`,
    `kubectl debug -it ${P} --image=busybox --target=${c} -- nope`, `kubectl debug -it ${P} --image=busybox --target=${c} -- sh -c 'exit 9'`, `kubectl debug -it ${P} --image=busybox --target=${c} --attach=banana`,
    `kubectl debug -it ${P} --image='bad image'`, 'kubectl debug -it deploy/nope --image=busybox', `kubectl debug -it pdb/x --image=busybox`, `kubectl debug -it ${P} --image=busybox --env=`,
    `kubectl debug -it ${P} --image=busybox --target=${c} --image-pull-policy=banana`,
    // delete (bad names only, never a real object)
    'kubectl delete', 'kubectl delete pod', 'kubectl delete pod nope --grace-period=banana', 'kubectl delete pod nope --now --grace-period=5', 'kubectl delete pods -l \'!!\'', 'kubectl delete pod nope --wait=banana',
    'kubectl delete pdb nope -n nope', 'kubectl delete ns nope', 'kubectl delete pod nope --cascade=banana', 'kubectl delete pod nope --dry-run=banana', 'kubectl delete nope nope',
  );
  return lines;
}

function patchGarbage(depRef: string, depC: string, P: string, c: string, pdb?: string, cm?: string, secret?: string): string[] {
  const tpl = (container: string) => `{"spec":{"template":{"spec":{"containers":[${container}]}}}}`;
  const bodies = [
    "'{'", "'[]'", "'null'", "''", "'\"str\"'", "'{\"spec\":null}'", "'{\"spec\":{\"replicas\":\"banana\"}}'", "'{\"spec\":{\"replicas\":-3}}'", "'{\"metadata\":{\"name\":1}}'",
    "'{\"metadata\":{\"labels\":{\"a\":1}}}'", "'{\"metadata\":{\"labels\":null}}'", "'{\"data\":{\"k\":1}}'", "'{\"data\":null}'", "'{\"data\":[1]}'", "'{\"stringData\":{\"k\":\"v\"}}'",
    "'{\"spec\":{\"minAvailable\":\"150%\"}}'", "'{\"spec\":{\"minAvailable\":-1}}'", "'{\"spec\":{\"maxUnavailable\":\"x\"}}'", "'{\"spec\":{\"selector\":null}}'", "'{\"spec\":{\"selector\":{\"matchLabels\":{\"a\":null}}}}'",
    `'${tpl('{"name":"x"}')}'`, `'${tpl('1')}'`, `'${tpl('null')}'`, `'${tpl(`{"name":"${depC}","resources":{"limits":{"memory":"banana"}}}`)}'`,
    `'${tpl(`{"name":"${depC}","resources":{"limits":{"cpu":-1}}}`)}'`, `'${tpl(`{"name":"${depC}","resources":null}`)}'`, `'${tpl(`{"name":"${depC}","resources":{"requests":"x"}}`)}'`,
    `'${tpl(`{"name":"${depC}","livenessProbe":{"periodSeconds":-5}}`)}'`, `'${tpl(`{"name":"${depC}","startupProbe":{"failureThreshold":"x"}}`)}'`, `'${tpl(`{"name":"${depC}","startupProbe":{}}`)}'`,
    `'${tpl(`{"name":"${depC}","livenessProbe":{"httpGet":{"port":"x"}}}`)}'`, `'${tpl(`{"name":"${depC}","livenessProbe":null}`)}'`, `'${tpl(`{"name":"${depC}","readinessProbe":"x"}`)}'`,
    `'${tpl(`{"name":"${depC}","livenessProbe":{"httpGet":{"path":"/x","port":8080},"initialDelaySeconds":1e309}}`)}'`, `'${tpl(`{"name":"${depC}","env":[{"name":"A"}]}`)}'`,
    `'${tpl(`{"name":"${depC}","env":"x"}`)}'`, `'${tpl(`{"name":"${depC}","env":[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"nope","key":"k"}}}]}`)}'`, `'${tpl(`{"name":"${depC}","envFrom":[{"configMapRef":{"name":"nope"}}]}`)}'`,
    `'${tpl(`{"name":"${depC}","image":""}`)}'`, `'${tpl(`{"name":"${depC}","image":5}`)}'`, "'{\"spec\":{\"template\":{\"spec\":{\"containers\":{\"a\":1}}}}}'", "'{\"spec\":{\"template\":null}}'",
  ];
  const json = [
    "'[{\"op\":\"bogus\"}]'", "'[{\"op\":\"replace\",\"path\":\"/spec/x/y/z\",\"value\":1}]'", "'[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/99\"}]'",
    "'[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/livenessProbe\",\"value\":\"x\"}]'", "'{}'", "'[1]'", "'[{\"op\":\"replace\"}]'", "'[{\"op\":\"replace\",\"path\":\"\",\"value\":null}]'",
    "'[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/-\",\"value\":{}}]'", "'[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":\"x\"}]'", "'[{\"op\":\"move\",\"from\":\"/nope\",\"path\":\"/x\"}]'",
    "'[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":99}]'", "'[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/resources/limits/memory\",\"value\":\"banana\"}]'",
    "'[{\"op\":\"add\",\"path\":\"/data/k\",\"value\":1}]'", "'[{\"op\":\"copy\",\"from\":\"/metadata\",\"path\":\"/spec/template/spec/containers/0\"}]'", "'[{\"op\":\"replace\",\"path\":\"/spec/minAvailable\",\"value\":\"x%\"}]'",
  ];
  const targets = [depRef, `pod ${P}`, pdb, cm, secret, 'deploy nope', 'pdb nope', 'cm nope'].filter((t): t is string => !!t);
  const out: string[] = [];
  for (const t of targets) {
    for (const b of bodies) out.push(`kubectl patch ${t} -p ${b}`);
    for (const b of json) out.push(`kubectl patch ${t} --type=json -p ${b}`);
    out.push(`kubectl patch ${t} --type=nope -p '{}'`, `kubectl patch ${t} --type=merge -p '{"spec":null}'`, `kubectl patch ${t}`, `kubectl patch ${t} -p`, `kubectl patch ${t} --patch-file=/nope`,
      `kubectl patch ${t} -p '{}' -o 'jsonpath={'`, `kubectl patch ${t} -p '{}' --dry-run=banana`, `kubectl patch ${t} --type=strategic -p '${'{'.repeat(200)}'`, `kubectl patch ${t} --type=merge -p '{"metadata":{"annotations":{"x":"y"}}}' --subresource=nope`);
  }
  out.push('kubectl patch', 'kubectl patch pod', `kubectl patch ${c} -p '{}'`);
  return out;
}

/** What a node offers: etcdctl, crictl, curl, journalctl, dmesg, iostat, cat of /proc and /sys. */
export function nodeGarbage(s: Session, host: string, rand: () => number): string[] {
  const h = s.state.hosts[host];
  const ctr = h.containers[0];
  const cid = ctr?.id.slice(0, 13) ?? 'deadbeef';
  const pid = ctr?.pid ?? 1;
  const eps = s.state.etcd ? Object.values(s.state.nodes).filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)
    .map((n) => `https://${n.status.addresses.find((a) => a.type === 'InternalIP')?.address}:2379`).join(',') : '127.0.0.1:2379';
  const tls = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
  const lines: string[] = [];
  const etcdSubs = ['', 'alarm', 'alarm disarm', 'alarm list', 'check', 'check perf', 'compact', 'defrag', 'endpoint', 'endpoint health', 'endpoint status', 'member', 'member add', 'member list', 'member remove', 'move-leader', 'version', 'nope', 'get', 'put', 'del', 'snapshot save', 'snapshot status'];
  const etcdBad = ['', '--endpoints=', '--endpoints=nope', '--endpoints=https://', '--endpoints=http://999.1.1.1:99999', '--endpoints=,,,', `--endpoints=${eps},`, '-w nope', '-w', '--write-out=', '--command-timeout=banana',
    '--command-timeout=-1s', '--dial-timeout=0', '--dial-timeout=banana', '--cacert=/nope', '--cert', '--cluster=banana', '--cluster', 'extra positional', 'zzzzz', '0', '-1', 'ffffffffffffffffffffff', 'xyz',
    '--peer-urls=', '--peer-urls=::::', '--peer-urls=http://[', '--learner=maybe', '--load=banana', '--load=xl', '--prefix', '--physical=banana', '-w json', '-w table', '-w fields', '-w protobuf', '-w simple', '--hex'];
  for (const sub of etcdSubs) {
    for (const b of sample(etcdBad, 12, rand)) lines.push(`etcdctl ${sub} ${b}`.replace(/ +/g, ' ').trimEnd(), `etcdctl --endpoints=${eps} ${tls} ${sub} ${b}`.trimEnd());
  }
  lines.push(`etcdctl --endpoints=${eps} ${tls} move-leader 0`, `etcdctl --endpoints=${eps} ${tls} move-leader 1`, `etcdctl --endpoints=${eps} ${tls} move-leader zz`, `etcdctl --endpoints=${eps} ${tls} move-leader ${'f'.repeat(17)}`,
    `etcdctl --endpoints=${eps} ${tls} member add`, `etcdctl --endpoints=${eps} ${tls} member add x`, `etcdctl --endpoints=${eps} ${tls} member add x --peer-urls=nope`, `etcdctl --endpoints=${eps} ${tls} compact -5`,
    `etcdctl --endpoints=${eps} ${tls} compact banana`, `etcdctl --endpoints=${eps} ${tls} compact 99999999999999999999`, `etcdctl --endpoints=${eps} ${tls} endpoint status --cluster -w banana`, `ETCDCTL_API=2 etcdctl member list`,
    `etcdctl --endpoints=${eps} ${tls} check perf --load=s --prefix=`, `etcdctl --endpoints=${eps} --cacert=/nope endpoint health`, `etcdctl --endpoints=${eps} endpoint health`, `etcdctl --endpoints=${eps} ${tls} --key=/nope endpoint status`);

  const crictlSubs = ['', 'ps', 'pods', 'images', 'inspect', 'logs', 'rmi', 'version', 'stop', 'nope', 'exec', 'inspectp', 'stats'];
  const crictlBad = ['', '--name=(', '--name=[', '--name=*', '--namespace=(', '--image=(', '-s banana', '--state=', '-o nope', '-o', 'nope', 'zzzz', '--tail=-5', '--tail=banana', '--since=banana', "-p ''", '--id=(',
    'a'.repeat(64), '--timeout=banana', '-t -1', '--last=-1', '--latest=banana', '-q -o json', '--label=', '--label==', cid, `${cid} ${cid}`, `${cid} --tail=-1`, `${cid} --since=banana`, `${cid} -o go-template`, `${cid} -o banana`, '-r nope'];
  for (const sub of crictlSubs) for (const b of sample(crictlBad, 12, rand)) lines.push(`crictl ${sub} ${b}`.replace(/ +/g, ' ').trimEnd());
  lines.push(`crictl stop ${cid} --timeout=banana`, `crictl stop ${cid} --timeout=-1`, 'crictl stop deadbeef', 'crictl --runtime-endpoint= ps', 'crictl -r unix:///nope ps', 'crictl --timeout=banana ps', 'crictl -D ps --nope');

  const paths = ['/sys/fs/cgroup/', '/sys/fs/cgroup/nope', '/sys/fs/cgroup/kubepods.slice/../../..', '/sys/fs/cgroup/kubepods.slice/', '/sys/fs/cgroup/kubepods.slice/memory.max', '/sys/fs/cgroup/kubepods.slice/nope/memory.events',
    '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/', '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/x/memory.max', '/sys/fs/cgroup/memory.pressure', '/sys/fs/cgroup/cpu.stat', '/sys/fs/cgroup/system.slice/kubelet.service/memory.current',
    '/proc/', '/proc/0/status', '/proc/-1/status', '/proc/99999999999999999999/status', '/proc/self/status', '/proc/1/', '/proc/1/environ', '/proc/1/nope', '/proc/abc/cmdline', '/proc/1/root/etc/passwd',
    '/proc/1/root/../../..', `/proc/${pid}/status`, `/proc/${pid}/cgroup`, `/proc/${pid}/environ`, `/proc/${pid}/oom_score_adj`, `/proc/${pid}/cmdline`, `/proc/${pid}/nope`, `/proc/${pid}/root/`, '/proc/meminfo', '/proc/cpuinfo',
    '/proc/pressure/memory', '/proc/loadavg', '/proc/nope', "''", '//', '/etc/kubernetes/manifests/etcd.yaml', '/etc/kubernetes/manifests/', '/var/log/pods/', '/var/log/pods/nope/x.log', '/var/lib/kubelet/config.yaml', '/dev/null', '/dev/nvme1n1', '.', '..', '-', '-A /proc/1/status', '-n', '--nope /proc/1/status'];
  for (const p of paths) lines.push(`cat ${p}`, `ls ${p}`, `ls -la ${p}`);
  lines.push(...['-T', '-l banana', '--level=', '-l err,banana', '-n', '-w', '-H', '-x', '-k', '--time-format=banana', '-s -1', '-T -l err', '--since=banana', '-f banana', '-L=banana', '-c -c', '--follow-new']
    .map((a) => `dmesg ${a}`));
  lines.push(...["-u ''", '-n banana', '--since=banana', '--until=x', '-p 9', '-p banana', '-p err..', '-o banana', '-f', '-u kubelet -f', '-k -b -5', '--lines=-1', "-S ''", "-U ''", "-g '('", "--grep='['", "-t ''", '_PID=abc', 'nope=1',
    '-u kubelet --since "1 hour ago"', '-u kubelet --since "-1h"', '-u kubelet --since=@banana', '--since=2020-13-45', '-u kubelet -n 0', '-u kubelet -n 99999999999999999999', '-u kubelet -r -n -3', '-u kubelet -o json-pretty', '-u kubelet -o cat', '--output-fields=x', '-b 99', '-b -99', '--list-boots=x', '-u containerd -u kubelet --no-pager -n 2', '-x -e', '--disk-usage']
    .map((a) => `journalctl ${a}`));
  lines.push(...['-x banana', '-x 0', '-x -1', '-x 1 -5', '-d -p nope', '1 99999999', '1e9', '-z', '-m -k', 'nosuchdev', '-x 1 2', '-x nvme1n1 banana', '-x -p ALL', '-y', '-c', '-o JSON', '-o banana', '-t', '-N', '-x 0.5 2', '-x 1 0', '--dec=9', '-x 99999999999 2']
    .map((a) => `iostat ${a}`));
  lines.push(...["''", 'http://', 'https://', 'http://[', 'http://:80', 'http://localhost:99999', 'http://localhost:0/', 'localhost:10248/healthz', '127.0.0.1:2381/metrics', 'https://127.0.0.1:2379/metrics', 'ftp://x', 'http://%', "'http://a b'", '-k', '-X', '-H',
    '--max-time banana', '-m -1', '-o', '--cacert', 'file:///etc/passwd', 'http://10.96.0.1:443', 'http://user@:pass@host', '-sk https://127.0.0.1:6443/healthz', '-s 127.0.0.1:10249/metrics', '-w "%{http_code}" http://localhost:10248/healthz',
    '-s --connect-timeout banana 127.0.0.1:2381/metrics', '-I 127.0.0.1:2381/metrics', '-X DELETE 127.0.0.1:2381/metrics', '-s 127.0.0.1:2381/metrics?x=%', '-s 127.0.0.1:2381/../../metrics', '-s -o /dev/null 127.0.0.1:2381/metrics', '-d @/nope localhost:10248/healthz', 'http://0x7f.1/', 'http://999.999.999.999/', '-s 127.0.0.1:2381/health']
    .map((a) => `curl ${a}`));
  return lines;
}

/** Inside a busybox debug container: its applets and the app's /proc. */
export function debugGarbage(svcHost: string): string[] {
  const lines: string[] = [];
  lines.push(...["''", '.', '..', 'a..b', '-type=banana', 'x'.repeat(300), `${svcHost} 999.1.1.1`, 'x y z', '-', '--nope', "'%'", `${svcHost}.`, `${svcHost}..svc`, 'localhost', '10.96.0.10', '-debug', `${svcHost} 10.96.0.10:99999`, '-port=banana x']
    .map((a) => `nslookup ${a}`));
  lines.push(...['-O', '-O -', '-q', 'http://', 'http://[', '-T banana', '-T -1', 'http://nope.svc:99999', '--spider', '-qO- http://localhost:8080/', '-qO- http://127.0.0.1:0/', `-qO- http://${svcHost}:-1`, '-S', '-Y banana', "''", 'ftp://x', `-qO- ${svcHost}`, `-qO- http://${svcHost}:80/%`]
    .map((a) => `wget ${a}`));
  lines.push(...['-z', `-zv ${svcHost}`, `-zv ${svcHost} banana`, `-zv ${svcHost} 99999`, `-zv ${svcHost} -1`, `-w banana ${svcHost} 80`, '-l', svcHost, `-zv ${svcHost} 0`, "-zv '' 80", '-zv 999.1.1.1 80', `-zvw1 ${svcHost} 80`, `-zv ${svcHost} 1-99999`, '-e /bin/sh', '-u -z x 53']
    .map((a) => `nc ${a}`));
  lines.push(...['/proc/1/environ', '/proc/1/root/', '/proc/nope', '/proc/1/root/../../../etc', '/etc/resolv.conf', '/proc/1/cmdline', '/proc/1/status', '/proc/0/environ', '/proc/-1/environ', '/proc/abc/environ', '/proc/1/root/etc/nope',
    '/proc/1/root/proc/1/root', '/proc/self/environ', '/proc/1/cgroup', '/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory.events', '/sys/fs/cgroup/nope', '/', "''", '-', '-A', '--nope', '/proc/1/fd/', '/proc/99999999999999999999/environ']
    .flatMap((a) => [`cat ${a}`, `ls ${a}`, `ls -la ${a}`]));
  lines.push('ps -ef', 'ps -o banana', 'ps aux', 'ps -o pid=,comm= -p 1', 'ps -p', 'ps -p banana', 'env -u', 'env -i', 'env nope', 'env -', "printenv ''", 'printenv NOPE', 'printenv PATH HOME NOPE', 'id nope', 'id -u -g', 'id -Z',
    'whoami x', 'hostname -i', 'hostname -f', 'hostname x', "cat /proc/1/environ | tr '\\0' '\\n' | grep -c =", 'cd /proc/1/root && ls', 'cd /nope', 'cd', 'cd -', 'cd ../../../../..', 'pwd -P', 'ls -R /proc/1/root | head -3');
  return lines;
}

/** Runs `lines` in the current place; returns to it if a line happened to leave or enter a shell. */
export function sweepPlace(sw: Sweep, place: string, lines: readonly string[], expectPrompt: string, reenter: () => void, home: string): void {
  for (const line of lines) {
    sw.run(place, line);
    let guard = 0;
    // A `cd` only moved the prompt's directory: go back, as the next line expects.
    if (sw.session.prompt() !== expectPrompt) sw.run(place, `cd ${home}`);
    while (sw.session.prompt() !== expectPrompt && guard++ < 4) {
      // A garbage line that still succeeded in entering (kubectl debug) or leaving (exit 5): put the
      // shell back where the sweep expects it, the way a learner would.
      if (sw.session.prompt().startsWith('learner@laptop') && !expectPrompt.startsWith('learner@laptop')) reenter();
      else sw.run(place, 'exit');
    }
    if (sw.session.prompt() !== expectPrompt) sw.findings.push({ place, line, problem: `left the shell at ${sw.session.prompt()}`, output: '' });
  }
}

/**
 * Sweeps one scenario: the laptop, a worker and a control-plane node over ssh, a pod debug
 * container and a node debug pod. Returns the sweep with its findings (empty when all is well).
 */
export function sweepScenario(file: string): Sweep {
  const scenario = load(file);
  const session = Session.start(scenario);
  const sw = new Sweep(session, readFileSync(join(root, 'scenarios', file), 'utf8'));
  const rand = prng(0x9a7b1e + file.length);
  const st = session.state;
  const laptopPrompt = session.prompt();
  const check = (place: string, what: string, ok: boolean, output = '') => { if (!ok) sw.findings.push({ place, line: what, problem: 'check failed', output }); };

  sweepPlace(sw, 'laptop', [
    ...commandGarbage('laptop', ['ssh'], rand, 24),
    // Behind a modelled etcd every kubectl call waits on it (and the clock runs the control plane):
    // a fixed sample keeps that scenario's sweep as quick as the others.
    ...(st.etcd ? sample(kubectlGarbage(session, rand), 1000, rand) : kubectlGarbage(session, rand)),
    ...['-Z', '-l', '-p', '-o', 'nope', 'root@', '@', '-t', '-p banana node', "''", 'root@nope', '-- -'].map((a) => `ssh ${a}`),
    ...['exit 5', 'exit banana', 'exit 1 2', 'exit -1', 'exit 99999999999999999999'],
  ], laptopPrompt, () => undefined, '/home/learner');
  const firstNode = Object.keys(st.nodes)[0];
  const nodes = sw.run('laptop', 'kubectl get nodes');
  check('laptop', 'kubectl get nodes lists the nodes', nodes.includes(firstNode), nodes);

  // Nodes: a worker, and a control-plane node where the scenario has one.
  const cp = scenario.cluster.nodes.find((n) => (n.roles ?? []).includes('control-plane'))?.name;
  const worker = Object.keys(st.nodes).find((n) => n !== cp) ?? firstNode;
  for (const host of cp ? [worker, cp] : [worker]) {
    for (const a of ['--nope', 'nope', "''", '-Z', 'exit 3', 'etcdctl --nope', 'cat /proc/-1/status', 'journalctl --since=banana', '"unterminated']) sw.run('laptop', `ssh ${host} ${a}`);
    sw.run('laptop', `ssh ${host}`);
    const nodePrompt = session.prompt();
    check('laptop', `ssh ${host} lands on the node`, nodePrompt.startsWith('root@'), nodePrompt);
    sweepPlace(sw, `node ${host}`, [...commandGarbage('node', [], rand, 14), ...nodeGarbage(session, host, rand)], nodePrompt, () => sw.run('laptop', `ssh ${host}`), '/root');
    const h = sw.run(`node ${host}`, 'hostname');
    check(`node ${host}`, 'hostname still answers', h === `${host}\n`, h);
    sw.run(`node ${host}`, 'exit');
    check(`node ${host}`, 'exit goes back to the laptop', session.prompt() === laptopPrompt, session.prompt());
  }

  // A busybox debug container targeting an app container.
  const pods = Object.values(session.state.pods).filter((p) => p.metadata.namespace !== 'kube-system');
  const pod = pods.find((p) => p.status.phase === 'Running') ?? pods[0];
  const enter = `kubectl debug -it ${pod.metadata.name} -n ${pod.metadata.namespace ?? 'default'} --image=busybox:1.36 --target=${pod.spec.containers[0].name}`;
  sw.run('laptop', enter);
  const debugPrompt = session.prompt();
  check('laptop', enter, debugPrompt !== laptopPrompt, debugPrompt);
  const svc = Object.values(session.state.services)[0]?.metadata.name ?? 'kubernetes';
  sweepPlace(sw, `debug ${pod.metadata.name}`, [...commandGarbage('debug', [], rand, 14), ...debugGarbage(svc)], debugPrompt, () => sw.run('laptop', enter), '/');
  const who = sw.run('debug', 'whoami');
  check('debug', 'whoami still answers', who === 'root\n', who);
  sw.run('debug', 'exit');

  // A node debug pod (kubectl debug node/…).
  const nodeDebug = `kubectl debug node/${worker} -it --image=busybox`;
  sw.run('laptop', nodeDebug);
  const nodeDebugPrompt = session.prompt();
  if (nodeDebugPrompt !== laptopPrompt) {
    sweepPlace(sw, `node-debug ${worker}`, sample(commandGarbage('debug', [], rand, 6), 200, rand), nodeDebugPrompt, () => sw.run('laptop', nodeDebug), session.state.hosts[worker] ? '/root' : '/');
    sw.run('node-debug', 'exit');
  }

  // Still usable: a known-good command works and says what it always says.
  const after = sw.run('laptop', 'kubectl get nodes');
  check('laptop', 'kubectl get nodes after the sweep', /^NAME +STATUS +ROLES +AGE +VERSION\n/.test(after), after);
  return sw;
}
