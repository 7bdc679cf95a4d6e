import { describe, expect, it } from 'vitest';
import { ingressSession } from '../testing/ingressed.ts';

describe('Ingress', () => {
  it('kubectl get ingress: class, hosts, the load balancer address, 80 and 443 with TLS', () => {
    const s = ingressSession();
    expect(s.run('kubectl get ingress').output).toBe(
      'NAME   CLASS   HOSTS              ADDRESS        PORTS     AGE\n' +
      'shop   nginx   shop.example.com   203.0.113.10   80, 443   60s\n');
    expect(s.run('kubectl get ing shop -o jsonpath={.spec.rules[0].http.paths[1].backend.service.port.name}').output).toBe('http');
  });

  it('kubectl describe ingress: each backend with its ready endpoints, or the error kubectl meets', () => {
    const s = ingressSession();
    const out = s.run('kubectl describe ingress shop').output;
    expect(out).toMatch(/^ {20}\/ {6}storefront:8080 \(10\.\d+\.\d+\.\d+:8080,10\.\d+\.\d+\.\d+:8080\)$/m);
    expect(out).toContain('Default backend:  fallback:80 (<error: services "fallback" not found>)\n');
    expect(out).toContain('                    /api   api:http (<error: services "api" not found>)\n');
  });
});
