/**
 * The networkpolicy gauntlet end to end in real Chromium: from the home page, find the new
 * default-deny egress baseline, test from a debug container in the pod (DNS resolves, postgres times
 * out; another namespace's client connects), watch Cilium drop it on the client's node and add an
 * egress allow, then follow the data team's label change to the server side, answer five rounds and
 * read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, expectReport, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, interrupt, run } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('networkpolicy');
const NC = 'nc -zv -w 3 postgres.data.svc.cluster.local 5432';
const CILIUM = (nodeVar: string) => `kubectl exec -n kube-system $(kubectl get pods -n kube-system -l k8s-app=cilium --field-selector spec.nodeName=$${nodeVar} -o name) -- cilium monitor --type drop`;

test('play networkpolicy from the home page to the report', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await startFromHome(page, 'networkpolicy');
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: a new egress baseline in checkout, and nothing in it allows postgres.
  await run(page, 'kubectl get pods -n checkout -o wide');
  await run(page, 'kubectl get networkpolicy -A');
  await expectScreen(page, /checkout\s+baseline-egress\s+<none>\s+48m/);
  await run(page, 'kubectl describe networkpolicy baseline-egress -n checkout');
  await expectScreen(page, 'Policy Types: Egress');
  await run(page, 'kubectl get events -n checkout');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: from inside the pod DNS answers and 5432 times out; billing's client connects.
  await run(page, 'kubectl debug -it -n checkout $(kubectl get pods -n checkout -l app=order-service -o name | head -1) --image=busybox:1.36');
  await expectScreen(page, '/ #');
  await run(page, 'nslookup postgres.data.svc.cluster.local');
  await expectScreen(page, 'Address: 10.100.41.12');
  await run(page, NC);
  await expectScreen(page, 'nc: postgres.data.svc.cluster.local (10.100.41.12:5432): Connection timed out');
  await run(page, 'exit');
  await run(page, `kubectl exec -n billing deploy/invoice-worker -- ${NC}`);
  await expectScreen(page, 'postgres.data.svc.cluster.local (10.100.41.12:5432) open');
  await run(page, 'kubectl describe networkpolicy -n data');
  await expectScreen(page, 'Name:         postgres-clients');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: Cilium drops it on the client's node; an additive egress allow opens the same nc.
  await run(page, 'kubectl get pods -n kube-system -l k8s-app=cilium -o wide');
  await run(page, 'NODE=$(kubectl get pods -n checkout -l app=order-service -o jsonpath={.items[0].spec.nodeName})');
  await run(page, CILIUM('NODE'));
  await expectScreen(page, /xx drop \(Policy denied\) .*-> 10\.244\.\d+\.\d+:5432 tcp SYN/);
  await interrupt(page);
  await run(page, `echo '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"order-service-to-postgres","namespace":"checkout"},"spec":{"podSelector":{"matchLabels":{"app":"order-service"}},"policyTypes":["Egress"],"egress":[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"data"}},"podSelector":{"matchLabels":{"app":"postgres"}}}],"ports":[{"protocol":"TCP","port":5432}]}]}}' | kubectl apply -f -`);
  await expectScreen(page, 'networkpolicy.networking.k8s.io/order-service-to-postgres created');
  await run(page, `kubectl exec -n checkout deploy/order-service -c order-service -- ${NC} && echo FIXED-EGRESS`);
  await expectScreen(page, 'FIXED-EGRESS');
  await run(page, 'sleep 10');
  await run(page, 'kubectl logs -n checkout deploy/order-service --since=10s');
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the data team's ingress now wants a namespace label; labelling checkout opens it again.
  await run(page, `kubectl exec -n checkout deploy/order-service -c order-service -- ${NC} || echo DROPPED-AGAIN`);
  await expectScreen(page, 'DROPPED-AGAIN');
  await run(page, 'kubectl get networkpolicy -A');
  await run(page, 'kubectl describe networkpolicy postgres-clients -n data');
  await run(page, 'kubectl get namespaces --show-labels');
  await run(page, 'DBNODE=$(kubectl get pod postgres-0 -n data -o jsonpath={.spec.nodeName})');
  await run(page, CILIUM('DBNODE'));
  await expectScreen(page, /xx drop \(Policy denied\) flow \S+ to endpoint [1-9]\d*, .*-> 10\.244\.\d+\.\d+:5432 tcp SYN/);
  await interrupt(page);
  await run(page, 'kubectl label namespace checkout data.retail.example/postgres-client=true');
  await expectScreen(page, 'namespace/checkout labeled');
  await run(page, `kubectl exec -n checkout deploy/order-service -c order-service -- ${NC} && echo FIXED-INGRESS`);
  await expectScreen(page, 'FIXED-INGRESS');
  await run(page, `kubectl exec -n billing deploy/invoice-worker -- ${NC}`);
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await expectReport(page, 'networkpolicy', scores, 'cilium monitor --type drop');
  expect(errors).toEqual([]);
});
