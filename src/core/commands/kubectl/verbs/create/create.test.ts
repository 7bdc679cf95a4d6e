import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../../../model/state.ts';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { applyAction } from '../../../../sim/reduce.ts';
import { readHostFile } from '../../../../host/files.ts';
import type { CommandContext } from '../../../types.ts';
import { kubectlCommand } from '../../index.ts';
import { laptopFrame, splitWords } from '../../testing.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
function start(): Session {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(root, 'scenarios', 'crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

/**
 * Runs kubectl lines against `state` with files on the laptop (scenarios give the laptop none),
 * for --from-file / --from-env-file. Returns each line's whole stdout+stderr and exit code.
 */
function withLaptopFiles(state: ClusterState, files: Record<string, string>) {
  let current: ClusterState = { ...state, hosts: { ...state.hosts, laptop: { ...state.hosts.laptop, files } } };
  const run = (line: string) => {
    const ctx: CommandContext = {
      argv: splitWords(line), stdin: '', frame: laptopFrame, history: [],
      get state() { return current; },
      get host() { return current.hosts.laptop; },
      dispatch(a) { current = applyAction(current, a); },
      wait(ms) { current = applyAction(current, { type: 'clock/advance', to: current.now + ms }); },
      readFile: (path) => readHostFile(current, current.hosts.laptop, path, laptopFrame.cwd),
    };
    const r = kubectlCommand.run(ctx);
    return { out: r.stdout + r.stderr, code: r.exitCode };
  };
  return { run, get state() { return current; } };
}

const HOME = '/home/learner';

describe('kubectl create configmap / secret generic / namespace (kubectl 1.33)', () => {
  it('creates a ConfigMap the cluster sees: get, describe, -o yaml, and refuses the same name twice', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl create configmap auth-service-config-v3 -n identity --from-literal=DATABASE_URL=postgres://auth-db:5432/auth?sslmode=require --from-literal=TOKEN_TTL=15m'))
      .toBe('configmap/auth-service-config-v3 created\n');
    expect(run('kubectl get cm -n identity')).toBe(
      'NAME                     DATA   AGE\nauth-service-config      4      61d\nauth-service-config-v2   5      26m\nauth-service-config-v3   2      1s\nkube-root-ca.crt         1      61d\n');
    expect(run('kubectl describe cm auth-service-config-v3 -n identity')).toBe(
      'Name:         auth-service-config-v3\nNamespace:    identity\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nDATABASE_URL:\n----\npostgres://auth-db:5432/auth?sslmode=require\n\nTOKEN_TTL:\n----\n15m\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    const created = s.state.configMaps['identity/auth-service-config-v3'];
    expect(run('kubectl get cm auth-service-config-v3 -n identity -o yaml')).toBe(
      `apiVersion: v1\ndata:\n  DATABASE_URL: postgres://auth-db:5432/auth?sslmode=require\n  TOKEN_TTL: 15m\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "${created.metadata.creationTimestamp}"\n  name: auth-service-config-v3\n  namespace: identity\n  resourceVersion: "${created.metadata.resourceVersion}"\n  uid: ${created.metadata.uid}\n`);
    expect(created.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('kubectl create cm auth-service-config-v3 -n identity --from-literal=a=b')).toBe('error: failed to create configmap: configmaps "auth-service-config-v3" already exists\n');
    expect(run('echo $?')).toBe('1\n');
    expect(run('kubectl create cm empty -n identity -o name')).toBe('configmap/empty\n');
    expect(run('kubectl get cm empty -n identity -o jsonpath={.data}')).toBe('');
  });

  it('a new ConfigMap is read at the next container start: pointing envFrom at it heals the crash-looping pods', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl create cm auth-service-config-v3 -n identity --from-literal=DATABASE_URL=postgres://db --from-literal=REDIS_ADDR=redis-master.data.svc.cluster.local:6379'))
      .toBe('configmap/auth-service-config-v3 created\n');
    run(`kubectl patch deployment auth-service -n identity -p '{"spec":{"template":{"spec":{"containers":[{"name":"auth-service","envFrom":[{"configMapRef":{"name":"auth-service-config-v3"}},{"secretRef":{"name":"auth-db-credentials"}}]}]}}}}'`);
    s.run('sleep 90');
    const states = run('kubectl get pods -n identity -l app=auth-service --no-headers').split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(1, 3).join(' '));
    expect(states).toEqual(['1/1 Running', '1/1 Running', '1/1 Running', '1/1 Running']);
  });

  it('a Secret created after the pod asked for it ends CreateContainerConfigError; values are stored base64', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    run(`kubectl patch deployment auth-service -n identity -p '{"spec":{"template":{"spec":{"containers":[{"name":"auth-service","env":[{"name":"API_KEY","valueFrom":{"secretKeyRef":{"name":"auth-api-key","key":"key"}}}]}]}}}}'`);
    s.run('sleep 15');
    const pod = run('kubectl get pods -n identity --sort-by=.metadata.creationTimestamp --no-headers | tail -1').split(/\s+/)[0];
    expect(run(`kubectl get pod ${pod} -n identity -o jsonpath={.status.containerStatuses[0].state.waiting.message}`)).toBe('secret "auth-api-key" not found');
    expect(run('kubectl create secret generic auth-api-key -n identity --from-literal=key=s3cr=t')).toBe('secret/auth-api-key created\n');
    expect(run('kubectl get secret auth-api-key -n identity -o jsonpath={.type}/{.data.key}')).toBe('Opaque/czNjcj10');
    expect(run('kubectl describe secret auth-api-key -n identity')).toBe(
      'Name:         auth-api-key\nNamespace:    identity\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\nkey:  6 bytes\n');
    s.run('sleep 15');
    const p = s.state.pods[`identity/${pod}`];
    expect(p.status.containerStatuses?.[0].state?.waiting?.reason).not.toBe('CreateContainerConfigError');
    const started = Object.values(s.state.hosts).flatMap((h) => h.containers).filter((c) => c.podName === pod);
    expect(started.at(-1)?.env?.find(([k]) => k === 'API_KEY')).toEqual(['API_KEY', 's3cr=t']);
    expect(run('kubectl create secret generic auth-api-key -n identity --from-literal=key=x')).toBe('error: failed to create secret secrets "auth-api-key" already exists\n');
  });

  it('creates a namespace that get and describe list, and refuses it twice', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl create namespace scratch')).toBe('namespace/scratch created\n');
    expect(run('kubectl get ns')).toBe('NAME              STATUS   AGE\ndata              Active   61d\ndefault           Active   61d\nidentity          Active   61d\nkube-node-lease   Active   61d\nkube-public       Active   61d\nkube-system       Active   61d\nscratch           Active   1s\n');
    expect(run('kubectl describe ns scratch')).toBe('Name:         scratch\nLabels:       kubernetes.io/metadata.name=scratch\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
    expect(run('kubectl create ns scratch')).toBe('Error from server (AlreadyExists): namespaces "scratch" already exists\n');
    expect(run('kubectl create cm notes -n scratch --from-literal=a=1')).toBe('configmap/notes created\n');
    // The root-ca-cert-publisher gave the namespace its kube-root-ca.crt when it was created.
    expect(run('kubectl get cm -n scratch --no-headers')).toBe('kube-root-ca.crt   1     5s\nnotes              1     1s\n');
  });

  it('--dry-run=client prints the request as kubectl does and changes nothing', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl create cm app-config --from-literal=LOG_LEVEL=debug --from-literal=PORT=8080 --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\ndata:\n  LOG_LEVEL: debug\n  PORT: "8080"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app-config\n');
    expect(run('kubectl create secret generic db -n identity --from-literal=password=hunter2 --dry-run=client -o json')).toBe(
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "db",\n        "namespace": "identity",\n        "creationTimestamp": null\n    },\n    "data": {\n        "password": "aHVudGVyMg=="\n    }\n}\n');
    expect(run('kubectl create ns team-b --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: team-b\nspec: {}\nstatus: {}\n');
    expect(run('kubectl create cm app-config --dry-run=client')).toBe('configmap/app-config created (dry run)\n');
    expect(run('kubectl create cm app-config -n identity --dry-run=server')).toBe('configmap/app-config created (server dry run)\n');
    expect(run('kubectl create ns team-b --dry-run=server -o jsonpath={.status.phase}')).toBe('Active');
    expect(run('kubectl create cm auth-service-config -n identity --dry-run=server')).toBe('error: failed to create configmap: configmaps "auth-service-config" already exists\n');
    expect(run('kubectl get cm app-config -n identity')).toBe('Error from server (NotFound): configmaps "app-config" not found\n');
    expect(run('kubectl get ns team-b')).toBe('Error from server (NotFound): namespaces "team-b" not found\n');
  });

  it('answers garbage with kubectl\'s errors and exit code 1', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    const cases: [string, string][] = [
      ['kubectl create foo', 'error: Unexpected args: [foo]\nSee \'kubectl create -h\' for help and examples\n'],
      ['kubectl create -f deploy.yaml', 'error: the path "deploy.yaml" does not exist\n'],
      ['kubectl create -f a.yaml -k dir', 'error: only one of -f or -k can be specified\n'],
      ['kubectl create secret foo', 'error: unknown command "foo"\nSee \'kubectl create secret -h\' for help and examples\n'],
      ['kubectl create cm', 'error: exactly one NAME is required, got 0\nSee \'kubectl create configmap -h\' for help and examples\n'],
      ['kubectl create cm a b', 'error: exactly one NAME is required, got 2\nSee \'kubectl create configmap -h\' for help and examples\n'],
      ['kubectl create secret generic', 'error: exactly one NAME is required, got 0\nSee \'kubectl create secret generic -h\' for help and examples\n'],
      ['kubectl create ns', 'error: exactly one NAME is required, got 0\nSee \'kubectl create namespace -h\' for help and examples\n'],
      ['kubectl create cm x --from-literal=novalue', 'error: invalid literal source novalue, expected key=value\n'],
      ['kubectl create cm x --from-literal==v', 'error: invalid literal source =v, expected key=value\n'],
      ["kubectl create cm x --from-literal='bad key=v'", 'error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')\n'],
      ['kubectl create cm x --from-literal=..k=v', 'error: "..k" is not a valid key name for a ConfigMap: must not start with \'..\'\n'],
      ['kubectl create cm x --from-literal=a=1 --from-literal=a=2', 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "x"\n'],
      ['kubectl create secret generic x --from-literal=a=1 --from-literal=a=2', 'error: cannot add key a, another key by that name already exists\n'],
      ['kubectl create secret generic x --from-literal=a@b=1', 'error: "a@b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')\n'],
      ['kubectl create cm x --from-file=app.properties', 'error: error reading app.properties: no such file or directory\n'],
      ['kubectl create cm x --from-env-file=.env', 'error: error reading .env: no such file or directory\n'],
      ['kubectl create cm x --from-env-file=.env --from-literal=a=b', 'error: from-env-file cannot be combined with from-file or from-literal\n'],
      ['kubectl create cm x --from-file==conf', 'error: key name for file path conf missing\n'],
      ['kubectl create cm x --from-file=k=', 'error: file path for key name k missing\n'],
      ['kubectl create cm x --from-file=a=b=c', "error: key names or file paths cannot contain '='\n"],
      ['kubectl create cm Bad_Name -n identity', 'error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n'],
      ['kubectl create cm x -n nowhere --from-literal=a=b', 'error: failed to create configmap: namespaces "nowhere" not found\n'],
      ['kubectl create secret generic x -n nowhere', 'error: failed to create secret namespaces "nowhere" not found\n'],
      ['kubectl create ns Team_A', 'The Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n'],
      ['kubectl create ns default', 'Error from server (AlreadyExists): namespaces "default" already exists\n'],
      ['kubectl create cm x --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
      ['kubectl create cm x -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
      ['kubectl create cm x -o xml', 'error: unable to match a printer suitable for the output format "xml", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
      ['kubectl create cm x --validate=maybe', 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n'],
      ['kubectl create cm x --bogus', "error: unknown flag: --bogus\nSee 'kubectl create configmap --help' for usage.\n"],
      ['kubectl create secret generic x --from-literal', "error: flag needs an argument: --from-literal\nSee 'kubectl create secret generic --help' for usage.\n"],
    ];
    for (const [line, out] of cases) {
      expect(run(line), line).toBe(out);
      expect(run('echo $?'), line).toBe('1\n');
    }
    expect(run('kubectl get cm -n default')).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      61d\n');
    // kubectl 1.33 says only this (older releases printed the help after it).
    expect(run('kubectl create')).toBe('error: must specify one of -f and -k\n');
    expect(run('echo $?')).toBe('1\n');
    expect(run('kubectl create secret')).toBe(
      'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\nUse "kubectl create secret <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n');
    expect(run('echo $?')).toBe('1\n');
  });

  it('reads --from-file and --from-env-file from the laptop: files, directories, env lines', () => {
    const files = {
      [`${HOME}/app.properties`]: 'log.level=debug\ncache=on\n',
      [`${HOME}/conf/redis.conf`]: 'maxmemory 256mb\n',
      [`${HOME}/conf/limits.json`]: '{"rps": 50}\n',
      [`${HOME}/auth.env`]: '\uFEFF# auth-service settings\nDATABASE_URL=postgres://db:5432/auth?x=1\n\n   REDIS_ADDR=redis:6379\r\nEMPTY\n',
      [`${HOME}/bad.env`]: 'GOOD=1\n1BAD=2\n',
    };
    const t = withLaptopFiles(start().state, files);
    expect(t.run('kubectl create cm props -n identity --from-file=app.properties --from-file=settings=conf/redis.conf --from-literal=extra=1')).toEqual({ out: 'configmap/props created\n', code: 0 });
    expect(t.state.configMaps['identity/props'].data).toEqual({ 'app.properties': 'log.level=debug\ncache=on\n', settings: 'maxmemory 256mb\n', extra: '1' });
    expect(t.run('kubectl create cm dir -n identity --from-file=conf --dry-run=client -o yaml').out).toBe(
      'apiVersion: v1\ndata:\n  limits.json: |\n    {"rps": 50}\n  redis.conf: |\n    maxmemory 256mb\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: dir\n  namespace: identity\n');
    expect(t.run('kubectl create cm env -n identity --from-env-file=auth.env')).toEqual({ out: 'configmap/env created\n', code: 0 });
    expect(t.state.configMaps['identity/env'].data).toEqual({ DATABASE_URL: 'postgres://db:5432/auth?x=1', REDIS_ADDR: 'redis:6379', EMPTY: '' });
    expect(t.run('kubectl create secret generic env -n identity --from-env-file=/home/learner/auth.env -o jsonpath={.data.REDIS_ADDR}').out).toBe('cmVkaXM6NjM3OQ==');
    expect(t.run('kubectl create cm x --from-env-file=bad.env')).toEqual({ out: 'error: "1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, \'_\', \'-\', or \'.\', and must not start with a digit (e.g. \'my.env-name\',  or \'MY_ENV.NAME\',  or \'MyEnvName1\', regex used for validation is \'[-._a-zA-Z][-._a-zA-Z0-9]*\')\n', code: 1 });
    expect(t.run('kubectl create cm x --from-env-file=conf').out).toBe('error: env config file cannot be a directory\n');
    expect(t.run('kubectl create secret generic x --from-env-file=conf').out).toBe('error: env secret file cannot be a directory\n');
    expect(t.run('kubectl create cm x --from-file=k=conf').out).toBe('error: cannot give a key name for a directory path\n');
    expect(t.run('kubectl create cm x --from-file=app.properties,app.properties').out).toBe('error: cannot add key "app.properties", another key by that name already exists in Data for ConfigMap "x"\n');
    // A file that is no object: kubectl 1.33's validation error (checked with the real binary).
    expect(t.run('kubectl create -f app.properties').out).toBe('error: error validating "app.properties": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n');
  });

  it('Tab offers the generators after `kubectl create ` and the sub-command\'s own flags', () => {
    const s = start();
    const ctx = { state: s.state, frame: laptopFrame, host: s.state.hosts.laptop };
    expect(kubectlCommand.complete!(['kubectl', 'create'], '', ctx)).toEqual(['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token']);
    expect(kubectlCommand.complete!(['kubectl', 'create'], 'c', ctx)).toEqual(['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob']);
    expect(kubectlCommand.complete!(['kubectl', 'create', 'secret'], '', ctx)).toEqual(['docker-registry', 'generic', 'tls']);
    expect(kubectlCommand.complete!(['kubectl', 'create', 'cm', 'x'], '--from-', ctx)).toEqual(['--from-env-file', '--from-file', '--from-literal']);
    expect(kubectlCommand.complete!(['kubectl', 'create', 'secret', 'generic', 'x'], '--ty', ctx)).toEqual(['--type']);
  });
});

describe('kubectl create -f with -l and --raw (kubectl 1.33)', () => {
  it('-l sends only the objects whose labels match; --raw is checked as create.go checks it', () => {
    const s = start();
    const run = (line: string) => s.run(line, s.now + 1000).output;
    const file = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: identity\n  labels: {tier: web}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: identity\n  labels: {tier: db}\n';
    expect(run(`cat > cms.yaml <<'EOF'\n${file}EOF`)).toBe('');
    expect(run('kubectl create -f cms.yaml -l tier=web')).toBe('configmap/a created\n');
    expect(run('kubectl get cm b -n identity')).toBe('Error from server (NotFound): configmaps "b" not found\n');
    expect(run('kubectl create -f cms.yaml -l "tier in (db"')).toMatch(/^error: the provided selector "tier in \(db" is not valid: /);
    expect(run('kubectl create -f cms.yaml --raw /api/v1/namespaces/identity/configmaps --edit')).toBe('error: --raw and --edit are mutually exclusive\n');
    expect(run('kubectl create -f cms.yaml -f cms.yaml --raw /api')).toBe('error: --raw can only use a single local file or stdin\n');
    expect(run('kubectl create -f cms.yaml --raw /api -o yaml')).toBe('error: --raw and --output are mutually exclusive\n');
    expect(run('kubectl create -f cms.yaml --raw "x y"')).toBe('error: --raw must be a valid URL path: parse "x y": invalid URI for request\n');
  });
});
