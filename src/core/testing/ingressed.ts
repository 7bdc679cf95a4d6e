import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from './tinyScenario.ts';


/**
 * A test cluster with an Ingress written as a manifest: `storefront` (two replicas on port 8080)
 * behind its Service, and an Ingress `shop` whose TLS host routes `/` to it, `/api` to a Service
 * that does not exist, with a default backend `fallback` that does not exist either.
 */
export function ingressSession(): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/web:1", digest: "sha256:${'b'.repeat(64)}", size: 10Mi, binary: /web, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: storefront, namespace: default, replicas: 2, image: "registry.test/web:1", ports: [8080] }',
    faults: '',
  }).replace('faults:\n\n', 'faults: []\n').replace('  history:', `  services:
    - { name: storefront, namespace: default, clusterIP: 10.96.20.1, ports: [8080], selector: { app: storefront } }
  manifests:
    - apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: { name: shop, namespace: default, annotations: { nginx.ingress.kubernetes.io/rewrite-target: / } }
      spec:
        ingressClassName: nginx
        defaultBackend: { service: { name: fallback, port: { number: 80 } } }
        tls: [{ hosts: [shop.example.com], secretName: shop-tls }]
        rules:
          - host: shop.example.com
            http:
              paths:
                - { path: /, pathType: Prefix, backend: { service: { name: storefront, port: { number: 8080 } } } }
                - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { name: http } } } }
      status: { loadBalancer: { ingress: [{ ip: 203.0.113.10 }] } }
  history:`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run('sleep 60');
  return s;
}
