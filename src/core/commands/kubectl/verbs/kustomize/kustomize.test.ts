/**
 * `kubectl kustomize` and `-k` typed in a session, with files the learner writes in the laptop's
 * home. The expected build is what kubectl 1.33 prints for the same directory (the full
 * comparison across many directories is tests/real-kubectl/kustomize.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

const KUSTOMIZATION = 'resources:\n- app.yaml\nnamespace: identity\nnamePrefix: dev-\nimages:\n- name: nginx\n  newTag: "1.27"\nconfigMapGenerator:\n- name: web-config\n  literals:\n  - MODE=dev';
const APP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        envFrom:\n        - configMapRef:\n            name: web-config';

/** kubectl 1.33's `kubectl kustomize web` for these two files. */
const BUILT = `apiVersion: v1
data:
  MODE: dev
kind: ConfigMap
metadata:
  name: dev-web-config-bk2hmt6gd5
  namespace: identity
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dev-web
  namespace: identity
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: dev-web-config-bk2hmt6gd5
        image: nginx:1.27
        name: web
`;

/** A session with ~/web holding the kustomization, its output lines and `$?` after each. */
function typed(lines: string[]): string[] {
  const s = Session.start(load('crashloop.yaml'));
  s.run(`mkdir web && cat > web/kustomization.yaml <<'EOF'\n${KUSTOMIZATION}\nEOF`);
  s.run(`cat > web/app.yaml <<'EOF'\n${APP}\nEOF`);
  return lines.map((l) => `${s.run(l).output}rc=${s.run('echo $?').output.trim()}`);
}

describe('kubectl kustomize', () => {
  it('builds the directory as kustomize does: generated name with its hash, references, prefix, namespace, image tag', () => {
    expect(typed(['kubectl kustomize web', 'cd web && kubectl kustomize'])).toEqual([`${BUILT}rc=0`, `${BUILT}rc=0`]);
  });

  it('writes the build to a file with -o', () => {
    expect(typed(['kubectl kustomize web -o built.yaml', 'cat built.yaml'])).toEqual(['rc=0', `${BUILT}rc=0`]);
  });

  it('answers kustomize\'s errors: no directory, no kustomization, two paths', () => {
    expect(typed(['kubectl kustomize nope', 'mkdir empty && kubectl kustomize empty', 'kubectl kustomize web empty'])).toEqual([
      "error: must build at directory: not a valid directory: evalsymlink failure on 'nope' : lstat /home/learner/nope: no such file or directory\nrc=1",
      "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/empty'\nrc=1",
      'error: specify one path to kustomization.yaml\nrc=1',
    ]);
  });

  it('refuses a kustomize feature the simulator does not carry out instead of building something else', () => {
    expect(typed(["mkdir comp && printf 'resources: []\\ncomponents:\\n- ../c\\n' > comp/kustomization.yaml", 'kubectl kustomize comp'])[1]).toBe(
      "error: kustomization field 'components' (in /home/learner/comp/kustomization.yaml) is not available in this training environment\nrc=1");
  });
});

describe('-k on apply, get, diff, create, delete', () => {
  it('applies the build, finds its objects, diffs clean, refuses to create them twice', () => {
    const [apply, get, diff, create, again] = typed(['kubectl apply -k web', 'kubectl get -k web -o name', 'kubectl diff -k web', 'kubectl create -k web', 'kubectl apply -k web']);
    expect(apply).toBe('configmap/dev-web-config-bk2hmt6gd5 created\ndeployment.apps/dev-web created\nrc=0');
    expect(get).toBe('configmap/dev-web-config-bk2hmt6gd5\ndeployment.apps/dev-web\nrc=0');
    expect(diff).toBe('rc=0');
    expect(create).toBe('Error from server (AlreadyExists): error when creating "web": configmaps "dev-web-config-bk2hmt6gd5" already exists\nError from server (AlreadyExists): error when creating "web": deployments.apps "dev-web" already exists\nrc=1');
    expect(again).toBe('configmap/dev-web-config-bk2hmt6gd5 unchanged\ndeployment.apps/dev-web unchanged\nrc=0');
  });

  it('prints kustomize\'s deprecation warnings on stderr before the results', () => {
    const dep = "mkdir old && cp web/app.yaml old/ && printf 'resources:\\n- app.yaml\\nnamespace: identity\\ncommonLabels:\\n  team: auth\\n' > old/kustomization.yaml";
    const warning = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";
    const [, apply, quiet, build] = typed([dep, 'kubectl apply -k old', 'kubectl apply -k old 2>/dev/null', 'kubectl kustomize old >/dev/null']);
    expect(apply).toBe(`${warning}deployment.apps/web created\nrc=0`);
    expect(quiet).toBe('deployment.apps/web unchanged\nrc=0');
    expect(build).toBe(`${warning}rc=0`);
  });

  it('deletes what the build names, and answers a missing directory with kustomize\'s error', () => {
    const dep = "mkdir dep && cp web/app.yaml dep/ && printf 'resources:\\n- app.yaml\\nnamespace: identity\\n' > dep/kustomization.yaml";
    const [, , del, gone, missing, both] = typed([dep, 'kubectl apply -k dep', 'kubectl delete -k dep', 'kubectl get -k dep', 'kubectl delete -k nope', 'kubectl apply -k web -f x.yaml']);
    expect(del).toBe('deployment.apps "web" deleted\nrc=0');
    expect(gone).toBe('Error from server (NotFound): deployments.apps "web" not found\nrc=1');
    expect(missing).toBe("error: must build at directory: not a valid directory: evalsymlink failure on 'nope' : lstat /home/learner/nope: no such file or directory\nrc=1");
    expect(both).toBe('error: only one of -f or -k can be specified\nrc=1');
  });
});
