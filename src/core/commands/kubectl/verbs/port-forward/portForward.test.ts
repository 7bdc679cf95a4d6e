import { describe, expect, it } from 'vitest';
import { manifestSession } from '../../../../testing/tinyScenario.ts';

const session = () => manifestSession(['{ apiVersion: v1, kind: Service, metadata: { name: web, namespace: default }, spec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080, protocol: TCP }] } }']);

describe('kubectl port-forward', () => {
  it('prints the listeners and stays in the foreground until Ctrl-C', () => {
    const s = session();
    expect(s.run('kubectl port-forward deploy/web 8080')).toEqual({ output: 'Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\n', following: true, clear: undefined });
    expect(s.tick(s.now + 60_000)).toEqual({ output: '', following: true });
    expect(s.interrupt().output).toBe('^C\n');
  });

  it('maps a Service port to its targetPort; --address lists where it listens', () => {
    const s = session();
    expect(s.run('kubectl port-forward svc/web 9000:80 --address 0.0.0.0,localhost').output).toBe('Forwarding from 0.0.0.0:9000 -> 8080\nForwarding from 127.0.0.1:9000 -> 8080\nForwarding from [::1]:9000 -> 8080\n');
    expect(s.run('kubectl port-forward svc/web http').output).toBe('Forwarding from 127.0.0.1:80 -> 8080\nForwarding from [::1]:80 -> 8080\n');
    expect(s.run('kubectl port-forward svc/web :80').output).toMatch(/^Forwarding from 127\.0\.0\.1:(\d+) -> 8080\nForwarding from \[::1\]:\1 -> 8080\n$/);
  });

  it('ends when the pod goes away', () => {
    const s = session();
    const pod = s.run('kubectl get pods -o name').output.trim();
    s.run(`kubectl port-forward ${pod} 8080:8080`);
    s.run(`kubectl delete ${pod} --wait=false`);
    s.run(`kubectl port-forward ${pod} 8080:8080`);
    expect(s.tick(s.now + 60_000)).toEqual({ output: 'error: lost connection to pod\n', following: false });
  });

  it('answers mistakes as kubectl 1.33 does', () => {
    const s = session();
    expect(s.run('kubectl port-forward deploy/web').output).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    expect(s.run('kubectl port-forward svc/web 1:9999').output).toBe('error: Service web does not have a service port 9999\n');
    expect(s.run('kubectl port-forward pod/nope 80').output).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(s.run('kubectl port-forward deploy/web 8080:grpc').output).toMatch(/^error: Pod 'web-\S+' does not have a named port 'grpc'\n$/);
  });

  it('Tab completes the new verbs, their flags and their arguments', () => {
    const s = session();
    const pod = s.run('kubectl get pods -o name').output.trim().slice('pod/'.length);
    const c = (line: string) => s.complete(line, line.length).candidates;
    expect(c('kubectl port-f')).toEqual(['port-forward']);
    expect(c('kubectl port-forward w')).toEqual([pod]);
    expect(c('kubectl port-forward --addr')).toEqual(['--address']);
    expect(c('kubectl edit deploy/w')).toEqual(['deploy/web']);
    expect(c('kubectl wait --fo')).toEqual(['--for']);
    expect(c('kubectl ed')).toEqual(['edit']);
    expect(c('kubectl cp w')).toEqual([`${pod}:`]);
  });
});
