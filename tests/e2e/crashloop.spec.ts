/**
 * The crashloop gauntlet end to end in real Chromium: from the home page, read the crash with
 * --previous, hit the distroless wall, get in with an ephemeral busybox container, roll back, fix
 * the ConfigMap forward, answer the five rounds and read the report.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors, startFromHome } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

// The reference solution's answers (scenarios/crashloop.solution.txt).
const ANSWERS = [
  "CrashLoopBackOff means the process keeps exiting and kubelet restarts it with an exponential back-off, 10s doubling up to 5 minutes. I work down the ladder: kubectl get pods for which pods and how many restarts, kubectl describe pod for Last State, the exit code and the events, then kubectl logs --previous to read the dead container, and only then kubectl debug. Exit code 1 means the application gave up by itself; 0 is a clean exit that restartPolicy Always restarts anyway, 137 is SIGKILL (OOM killer or a kubelet kill), 139 a segfault, 143 SIGTERM. The previous container's log says required key DATABASE_URL is missing, so I ask what changed in the configuration before I delete or restart anything.",
  "The image is distroless: there is no /bin/sh, so exec fails with the OCI runtime error stat /bin/sh: no such file or directory. Instead I use kubectl debug to add an ephemeral busybox container with --target=auth-service, which joins the app's process namespace: PID 1 is the app, and /proc/1/environ and /proc/1/root show its environment and files. The debug container's own env is not the app's env, it does not inherit it. rollout history shows revision 3, CHG-4471, switched the pods to auth-service-config-v2. Comparing it with the old ConfigMap: DATABASE_URL was renamed DB_URL, and REDIS_ADDR lost its namespace. describe secret only shows sizes in bytes, the values stay hidden.",
  "Mitigate first, fix later: I already have the evidence saved from describe and logs --previous, so I roll back with kubectl rollout undo to the previous revision, whose template uses the old ConfigMap, and verify with kubectl rollout status and kubectl get pods that all four pods are Running and the restart counts stop climbing. The undo restores the pod template only, not ConfigMap contents; it works here because the old ConfigMap is untouched. Then I tell the incident channel what I did and record it in the timeline.",
  "The new fatal line is lookup redis-master on 10.96.0.10:53: no such host. Redis is running in the data namespace and its Service exists, so this is a name problem, not a DNS outage. From a debug container in the failing pod, nslookup redis-master gives NXDOMAIN: the search list only adds the pod's own namespace, while redis-master.data.svc.cluster.local resolves to 10.96.142.17 and nc shows the port open. The colleague is half right: the liveness probe is killing user-directory, not auth-service. user-directory shows Liveness probe failed events, Killing: failed liveness probe, will be restarted, exit code 143 after SIGTERM, and its previous log ends in a graceful shutdown in the middle of loading the snapshot, with no fatal line. auth-service exits with code 1 and logs its own fatal line, so no probe is involved there. Since CHG-4468 cut the liveness initialDelaySeconds to 10s, user-directory is killed at about 40s but needs about 55s. Fixes: patch REDIS_ADDR to the fully qualified name and rollout restart auth-service; give user-directory a startupProbe with failureThreshold 12 and periodSeconds 10, which covers 120s of start-up and keeps liveness strict afterwards. rollout status confirms both.",
  "Guardrails. Alert on the restart rate with kube_pod_container_status_restarts_total and on pods in CrashLoopBackOff. Set terminationMessagePolicy: FallbackToLogsOnError so describe shows the fatal line under Last State. Validate config in CI against a schema with the required keys before deploy. Make ConfigMaps immutable and versioned by a hashed name (kustomize configMapGenerator or helm) so a rollback restores config too. Gate rollouts: rollout status in the pipeline with the progress deadline and automatic rollback, or a canary. Give slow starters a startupProbe and the app retry with backoff for dependencies. Then a blameless postmortem with action items."
];

// Pod names come out of the seeded simulation: the same on every run.
const CRASHING = 'auth-service-5c99dffc8d-4mcsc';
const RUNNING = 'auth-service-8d8964df7-5xdzq';
const PROBE_KILLED = 'user-directory-55bf5f84f8-f9bv2';

test('play crashloop from the home page to the report', async ({ page }) => {
  test.setTimeout(360_000); // about fifty command lines typed key by key
  const errors = collectErrors(page);

  await startFromHome(page, 'crashloop');
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: the ladder, down to the dead container's log.
  await run(page, 'kubectl get pods -n identity');
  await expectScreen(page, `${CRASHING}   0/1     CrashLoopBackOff`);
  await run(page, `kubectl describe pod ${CRASHING} -n identity | grep -A3 'Last State'`);
  await expectScreen(page, /Exit Code:\s+1/);
  await run(page, `kubectl logs ${CRASHING} -n identity --previous`);
  await expectScreen(page, 'required key DATABASE_URL is missing or empty');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: exec hits the distroless wall; an ephemeral busybox container gets in.
  await run(page, `kubectl exec -it ${RUNNING} -n identity -- /bin/sh`);
  await expectScreen(page, 'stat /bin/sh: no such file or directory');
  await run(page, 'kubectl rollout history deployment/auth-service -n identity');
  await expectScreen(page, 'CHG-4471');
  await run(page, 'kubectl describe configmap auth-service-config-v2 -n identity');
  await expectScreen(page, 'DB_URL:');
  await run(page, `kubectl debug -it ${RUNNING} -n identity --image=busybox:1.36 --target=auth-service`);
  await expectScreen(page, "If you don't see a command prompt, try pressing enter.");
  await run(page, "cat /proc/1/environ | tr '\\0' '\\n' | grep DATABASE");
  await expect.poll(() => screenText(page)).toContain('DATABASE_URL=postgres://auth-db.identity.svc.cluster.local:5432/auth?sslmode=require\n/ # ');
  await run(page, 'exit');
  await expectScreen(page, 'learner@laptop:~$ ');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: mitigate first.
  await run(page, 'kubectl rollout undo deployment/auth-service -n identity');
  await expectScreen(page, 'deployment.apps/auth-service rolled back');
  await run(page, 'sleep 30; kubectl rollout status deployment/auth-service -n identity');
  await expectScreen(page, 'deployment "auth-service" successfully rolled out');
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: roll forward, meet the DNS failure, prove it from the pod's network, fix it.
  await run(page, `kubectl patch cm auth-service-config-v2 -n identity -p '{"data":{"DATABASE_URL":"postgres://auth-db.identity.svc.cluster.local:5432/auth?sslmode=require"}}'`);
  await expectScreen(page, 'configmap/auth-service-config-v2 patched');
  await run(page, 'kubectl rollout undo deployment/auth-service -n identity --to-revision=3; sleep 20');
  await run(page, "kubectl logs -n identity $(kubectl get pods -n identity --sort-by=.metadata.creationTimestamp | tail -1 | awk '{print $1}') --previous | tail -1");
  await expectScreen(page, 'lookup redis-master on 10.96.0.10:53: no such host');
  await run(page, `kubectl debug -it ${RUNNING} -n identity --image=busybox:1.36`);
  await run(page, 'nslookup redis-master');
  await expectScreen(page, "** server can't find redis-master.identity.svc.cluster.local: NXDOMAIN");
  await run(page, 'nslookup redis-master.data.svc.cluster.local');
  await expectScreen(page, 'Address: 10.96.142.17');
  await run(page, 'exit');
  await run(page, `kubectl patch cm auth-service-config-v2 -n identity -p '{"data":{"REDIS_ADDR":"redis-master.data.svc.cluster.local:6379"}}'`);
  await run(page, 'kubectl rollout restart deployment/auth-service -n identity; sleep 40');
  await run(page, 'kubectl get pods -n identity -l app=auth-service | grep -c "1/1     Running   0"');
  await expect.poll(() => screenText(page)).toContain('| grep -c "1/1     Running   0"\n4\n');
  await run(page, 'kubectl rollout status deployment/auth-service -n identity');
  await expect.poll(() => screenText(page)).toContain('$ kubectl rollout status deployment/auth-service -n identity\ndeployment "auth-service" successfully rolled out\n');
  // The other crash loop is a liveness kill during a slow start: 143, Killing, a startupProbe fixes it.
  await run(page, `kubectl describe pod ${PROBE_KILLED} -n identity | grep -e 'Exit Code' -e Killing`);
  await expectScreen(page, /Exit Code:\s+143/);
  await expectScreen(page, 'Container user-directory failed liveness probe, will be restarted');
  await run(page, `kubectl patch deploy user-directory -n identity -p '{"spec":{"template":{"spec":{"containers":[{"name":"user-directory","startupProbe":{"httpGet":{"path":"/healthz","port":8080},"failureThreshold":12}}]}}}}'`);
  await expectScreen(page, 'deployment.apps/user-directory patched');
  await run(page, 'sleep 150; kubectl rollout status deployment/user-directory -n identity');
  await expectScreen(page, 'deployment "user-directory" successfully rolled out');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();

  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  // The report.
  await expect(page).toHaveURL(/\?scenario=crashloop&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(85);
  const roundRows = page.getByRole('region', { name: 'Rounds' }).getByRole('row');
  await expect(roundRows).toHaveCount(6);
  for (let i = 0; i < 5; i++) await expect(roundRows.nth(i + 1).getByRole('cell').nth(2)).toHaveText(String(scores[i]));
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl rollout undo deployment/auth-service -n identity');
  expect(errors).toEqual([]);
});
