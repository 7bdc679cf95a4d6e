import { describe, expect, it } from 'vitest';
import { withPolicies } from '../../../tests/netpolicies.ts';

describe('NetworkPolicy objects (networking.k8s.io/v1)', () => {
  it('kubectl get netpol prints NAME, POD-SELECTOR, AGE; -A adds NAMESPACE', () => {
    const s = withPolicies();
    expect(s.run('kubectl get netpol -n identity').output).toBe(
      'NAME                  POD-SELECTOR   AGE\n' +
      'auth-db-ingress       app=auth-db    61d\n' +
      'default-deny-egress   <none>         120m\n');
    expect(s.run('kubectl get networkpolicies.networking.k8s.io -A').output).toBe(
      'NAMESPACE   NAME                  POD-SELECTOR   AGE\n' +
      'identity    auth-db-ingress       app=auth-db    61d\n' +
      'identity    default-deny-egress   <none>         120m\n');
    expect(s.run('kubectl get netpol -n data').output).toBe('No resources found in data namespace.\n');
  });

  it('kubectl describe networkpolicy prints the rules as kubectl 1.33 does', () => {
    const s = withPolicies();
    const created = s.run('kubectl get netpol default-deny-egress -n identity -o jsonpath={.metadata.creationTimestamp}').output.replace('T', ' ').replace('Z', ' +0000 UTC');
    expect(s.run('kubectl describe netpol default-deny-egress -n identity').output).toBe(
      'Name:         default-deny-egress\n' +
      'Namespace:    identity\n' +
      `Created on:   ${created}\n` +
      'Labels:       team=platform\n' +
      'Annotations:  <none>\n' +
      'Spec:\n' +
      '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n' +
      '  Not affecting ingress traffic\n' +
      '  Allowing egress traffic:\n' +
      '    To Port: 53/UDP\n' +
      '    To Port: 53/TCP\n' +
      '    To:\n' +
      '      NamespaceSelector: kubernetes.io/metadata.name=kube-system\n' +
      '      PodSelector: k8s-app=kube-dns\n' +
      '    ----------\n' +
      '    To Port: 443/TCP\n' +
      '    To:\n' +
      '      IPBlock:\n' +
      '        CIDR: 203.0.113.0/24\n' +
      '        Except: 203.0.113.7/32\n' +
      '  Policy Types: Egress\n');
    // policyTypes left out: the API server defaulted it to Ingress.
    expect(s.run('kubectl describe networkpolicy auth-db-ingress -n identity').output).toMatch(
      /\nSpec:\n  PodSelector:     app=auth-db\n  Allowing ingress traffic:\n    To Port: 5432\/TCP\n    From:\n      PodSelector: app=auth-service\n  Not affecting egress traffic\n  Policy Types: Ingress\n$/);
    // The API server's defaults: policyTypes from the rules, TCP for a port without a protocol.
    expect(s.run('kubectl get netpol auth-db-ingress -n identity -o jsonpath={.spec.policyTypes}').output).toBe('["Ingress"]');
    expect(s.run('kubectl get netpol auth-db-ingress -n identity -o jsonpath={.spec.ingress[0].ports}').output).toBe('[{"port":5432,"protocol":"TCP"}]');
  });

  it('is patched and deleted like any other kind', () => {
    const s = withPolicies();
    expect(s.run(`kubectl patch netpol default-deny-egress -n identity --type=json -p '[{"op":"add","path":"/spec/egress/-","value":{"to":[{"podSelector":{"matchLabels":{"app":"auth-db"}}}],"ports":[{"port":5432}]}}]'`).output)
      .toBe('networkpolicy.networking.k8s.io/default-deny-egress patched\n');
    expect(s.run('kubectl describe netpol default-deny-egress -n identity').output).toContain(
      '    ----------\n    To Port: 5432/TCP\n    To:\n      PodSelector: app=auth-db\n  Policy Types: Egress\n');
    expect(s.run('kubectl delete networkpolicy auth-db-ingress -n identity').output).toBe('networkpolicy.networking.k8s.io "auth-db-ingress" deleted\n');
    expect(s.run('kubectl get netpol -n identity --no-headers').output).toBe('default-deny-egress   <none>   120m\n');
  });
});
