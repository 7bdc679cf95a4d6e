/**
 * The EndpointSlice controller makes slices only for Services with a selector: a Service without
 * one (its endpoints managed by hand, or an ExternalName) gets none, as on a real cluster.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../session/session.ts';
import { load } from '../../../tests/unit/garbage.ts';

describe('EndpointSlices', () => {
  it('a Service with a selector gets one slice; one without a selector gets none', () => {
    const s = Session.start(load('crashloop.yaml'));
    s.run("printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: ext\\nspec:\\n  ports:\\n  - port: 5432\\n' | kubectl apply -n default -f -");
    s.run('kubectl create service clusterip web --tcp=80:8080 -n default');
    const out = s.run('kubectl get endpointslices -n default -o custom-columns=\'SERVICE:.metadata.labels.kubernetes\\.io/service-name,PORTS:.ports[*].port\'').output;
    expect(out).toBe('SERVICE   PORTS\nweb       8080\n');
  });
});
