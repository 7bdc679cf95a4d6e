/**
 * `kubectl create ingress` in a session: the Ingress lives in the cluster (get, describe with the
 * Service's endpoints behind each path), and the API server's refusals come back behind kubectl's
 * `failed to create ingress:` words. The client-side outputs are compared with the real kubectl in
 * tests/real-kubectl/create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

describe('kubectl create ingress', () => {
  it('routes a host to a Service the describer resolves; TLS, class and default backend as given', () => {
    const s = Session.start(load('crashloop.yaml'));
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl create ingress cache --class=nginx --rule="cache.example.com/*=redis-master:6379,tls" --rule="cache.example.com/stats=redis-master:6379" -n data'))
      .toBe('ingress.networking.k8s.io/cache created\n');
    expect(run('kubectl get ing -n data')).toBe('NAME    CLASS   HOSTS               ADDRESS   PORTS     AGE\ncache   nginx   cache.example.com             80, 443   1s\n');
    const ip = s.state.pods[Object.keys(s.state.pods).find((k) => k.startsWith('data/redis'))!].status.podIP;
    expect(run('kubectl describe ing cache -n data')).toBe([
      'Name:             cache', 'Labels:           <none>', 'Namespace:        data', 'Address:          ', 'Ingress Class:    nginx',
      'Default backend:  <default>', 'TLS:', '  SNI routes cache.example.com', 'Rules:',
      '  Host               Path  Backends', '  ----               ----  --------', '  cache.example.com  ',
      `                     /        redis-master:6379 (${ip}:6379)`, `                     /stats   redis-master:6379 (${ip}:6379)`,
      'Annotations:         <none>', 'Events:              <none>', '',
    ].join('\n'));
    expect(run('kubectl create ingress cache --default-backend=redis-master:6379 -n data')).toBe('error: failed to create ingress: ingresses.networking.k8s.io "cache" already exists\n');
    expect(run('kubectl create ingress bad --rule="Cache_1.com/=redis-master:6379" -n data')).toBe(
      'error: failed to create ingress: Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].host: Invalid value: "Cache_1.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n');
    expect(run('kubectl get ing bad -n data')).toBe('Error from server (NotFound): ingresses.networking.k8s.io "bad" not found\n');
  });
});
