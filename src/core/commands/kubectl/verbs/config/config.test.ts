import { describe, expect, it } from 'vitest';
import { manifestSession } from '../../../../testing/tinyScenario.ts';

const session = () => manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: default } }']);

// The same lines are compared with the real kubectl 1.33 in tests/real-kubectl/kubeconfig.test.ts where it is installed.
describe('kubectl config: the kubeconfig on the laptop, edited as kubectl 1.33 edits it', () => {
  it('adds a cluster, a user and a context, renames the context and points it at a namespace', () => {
    const s = session();
    expect(s.run('kubectl config set-cluster e2e --server=https://1.2.3.4 --insecure-skip-tls-verify').output).toBe('Cluster "e2e" set.\n');
    expect(s.run('kubectl config set-credentials ci --token=abc').output).toBe('User "ci" set.\n');
    expect(s.run('kubectl config set-context e2e --cluster=e2e --user=ci').output).toBe('Context "e2e" created.\n');
    expect(s.run('kubectl config rename-context e2e staging').output).toBe('Context "e2e" renamed to "staging".\n');
    expect(s.run('kubectl config set contexts.staging.namespace web').output).toBe('Property "contexts.staging.namespace" set.\n');
    expect(s.run('kubectl config get-clusters; kubectl config get-users').output).toBe('NAME\ne2e\ntest\nNAME\nci\ntest-admin\n');
    expect(s.run('kubectl config get-contexts').output).toBe(
      'CURRENT   NAME      CLUSTER   AUTHINFO     NAMESPACE\n' +
      '          staging   e2e       ci           web\n' +
      '*         test      test      test-admin   \n');
    // Written back as clientcmd writes it: entries sorted by name, the token in the clear (view redacts it).
    expect(s.run('grep -A3 "^- cluster:" ~/.kube/config | head -4; grep -A2 "name: ci" ~/.kube/config').output).toBe(
      '- cluster:\n    insecure-skip-tls-verify: true\n    server: https://1.2.3.4\n  name: e2e\n- name: ci\n  user:\n    token: abc\n');
  });

  it("refuses what kubectl refuses, with kubectl's words", () => {
    const s = session();
    const run = (line: string) => s.run(`${line} 2>&1; echo "exit $?"`).output;
    expect(run('kubectl config set-credentials ci --token=abc --username=x')).toBe('error: you cannot specify more than one authentication method at the same time: --token, --username/--password\nexit 1\n');
    expect(run('kubectl config set-cluster e2e --embed-certs')).toBe('error: you must specify a --certificate-authority to embed\nexit 1\n');
    expect(run('kubectl config set-cluster e2e --embed-certs --certificate-authority=/nope/ca.crt')).toBe('error: could not stat certificate-authority file /nope/ca.crt: stat /nope/ca.crt: no such file or directory\nexit 1\n');
    expect(run('kubectl config rename-context e2e staging')).toBe('error: cannot rename the context "e2e", it\'s not in /home/learner/.kube/config\nexit 1\n');
    expect(run('kubectl config set clusters.test.insecure-skip-tls-verify maybe')).toBe('error: strconv.ParseBool: parsing "maybe": invalid syntax\nexit 1\n');
    expect(run('kubectl config set clusters.test.certificate-authority-data %%%')).toBe('error: error decoding input value: illegal base64 data at input byte 0\nexit 1\n');
    expect(run('kubectl config set bogus 1')).toBe('error: unable to parse bogus after [] at api.Config\nexit 1\n');
    expect(run('kubectl config set contexts.test.namespace.more 1')).toBe('error: unable to parse one or more field values of contexts.test.namespace.more\nexit 1\n');
    expect(run('kubectl config set current-context ""')).toBe('error: you cannot use set to unset a property\nexit 1\n');
    expect(run('kubectl config unset users.none.token')).toBe('error: current map key `none` is invalid\nexit 1\n');
    expect(run('kubectl config delete-context nope')).toBe('error: cannot delete context nope, not in /home/learner/.kube/config\nexit 1\n');
    expect(run('kubectl config delete-user')).toBe("error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples\nexit 1\n");
    expect(run('kubectl config set clusters.test foo')).toMatch(/^error: can't set a map to a value: map\[test:0xc[0-9a-f]+\]\nexit 1\n$/);
  });

  it('warns when the active context is deleted, and leaves current-context naming it', () => {
    const s = session();
    expect(s.run('kubectl config delete-context test 2>/tmp/warning').output).toBe('deleted context test from /home/learner/.kube/config\n');
    expect(s.run('cat /tmp/warning').output).toBe('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    expect(s.run('kubectl config current-context; kubectl config unset current-context; kubectl config current-context').output).toBe('test\nProperty "current-context" unset.\nerror: current-context is not set\n');
  });
});
