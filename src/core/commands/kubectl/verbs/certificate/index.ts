import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { FlagSpec } from '../../../flags.ts';
import { getObject, resolveKind } from '../../../../kinds/registry.ts';
import type { CertificateSigningRequest, CsrCondition } from '../../../../kinds/certificatesigningrequest.ts';
import { rfc3339 } from '../../../../time.ts';
import { verbHelp } from '../../root/help.ts';
import { fail, printCreated, printOptions } from '../create/output.ts';

const flags = (force: string): FlagSpec[] => [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, help: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files identifying the resource to update' },
  { name: 'force', type: 'bool', help: `Update the CSR even if it is already ${force}.` },
  { name: 'kustomize', short: 'k', type: 'string', help: "Process the kustomization directory. This flag can't be used together with -f or -R." },
  { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  { name: 'show-managed-fields', type: 'bool', help: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', help: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
];

/**
 * `kubectl certificate approve|deny NAME…` (kubectl 1.33 certificates.go): adds the Approved or
 * Denied condition (reason KubectlApprove / KubectlDeny) through the approval subresource and
 * prints `certificatesigningrequest.certificates.k8s.io/NAME approved`. A CSR that already has the
 * condition is left alone unless --force; the API server refuses both conditions on one CSR.
 */
function decide(type: 'Approved' | 'Denied', inv: KubectlInvocation, ctx: CommandContext): CommandResult {
  const p = printOptions(inv);
  if (!p.ok) return p.result;
  const names = inv.flags.positionals;
  if (names.length === 0 && (inv.flags.values.filename as string[]).length === 0) return fail('error: one or more CSRs must be specified as <name> or -f <filename>\n');
  const def = resolveKind('certificatesigningrequests')!;
  const word = type === 'Approved' ? 'approved' : 'denied';
  let stdout = '';
  for (const name of names) {
    const csr = getObject(ctx.state, def, '', name) as CertificateSigningRequest | undefined;
    if (!csr) return { stdout, stderr: `Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "${name}" not found\n`, exitCode: 1 };
    const conditions = csr.status?.conditions ?? [];
    const other = type === 'Approved' ? 'Denied' : 'Approved';
    if (conditions.some((c) => c.type === other)) {
      return { stdout, stderr: `The CertificateSigningRequest "${name}" is invalid: status.conditions[${conditions.length}].type: Invalid value: "${type}": ${'Approved and Denied conditions are mutually exclusive'}\n`, exitCode: 1 };
    }
    if (!conditions.some((c) => c.type === type) || inv.flags.values.force === true) {
      const at = rfc3339(ctx.state.now);
      const added: CsrCondition = { type, status: 'True', reason: type === 'Approved' ? 'KubectlApprove' : 'KubectlDeny', message: `This CSR was ${word} by kubectl certificate ${type === 'Approved' ? 'approve' : 'deny'}.`, lastUpdateTime: at, lastTransitionTime: at };
      const next = { ...csr, status: { ...csr.status, conditions: [...conditions.filter((c) => c.type !== type), added] } };
      ctx.dispatch({ type: 'object/replace', kind: def.kind, name, object: next });
    }
    stdout += printCreated(p.opts, `certificatesigningrequest.certificates.k8s.io/${name}`, getObject(ctx.state, def, '', name), word).stdout;
  }
  return { stdout, stderr: '', exitCode: 0 };
}

const approve: KubectlVerb = {
  name: 'approve',
  short: 'Approve a certificate signing request',
  long: 'Approve a certificate signing request.\n\n kubectl certificate approve allows a cluster admin to approve a certificate signing request (CSR). This action tells a certificate signing controller to issue a certificate to the requester with the attributes requested in the CSR.\n\n SECURITY NOTICE: Depending on the requested attributes, the issued certificate can potentially grant a requester access to cluster resources or to authenticate as a requested identity. Before approving a CSR, ensure you understand what the signed certificate can do.',
  examples: "# Approve CSR 'csr-sqgzp'\nkubectl certificate approve csr-sqgzp",
  usage: 'kubectl certificate approve (-f FILENAME | NAME) [options]',
  flags: flags('approved'),
  run: (inv, ctx) => decide('Approved', inv, ctx),
};

const deny: KubectlVerb = {
  name: 'deny',
  short: 'Deny a certificate signing request',
  long: 'Deny a certificate signing request.\n\n kubectl certificate deny allows a cluster admin to deny a certificate signing request (CSR). This action tells a certificate signing controller to not to issue a certificate to the requester.',
  examples: "# Deny CSR 'csr-sqgzp'\nkubectl certificate deny csr-sqgzp",
  usage: 'kubectl certificate deny (-f FILENAME | NAME) [options]',
  flags: flags('denied'),
  run: (inv, ctx) => decide('Denied', inv, ctx),
};

/** `kubectl certificate`: its help, approve and deny. */
export const certificate: KubectlVerb = {
  name: 'certificate',
  short: 'Modify certificate resources',
  long: 'Modify certificate resources.',
  usage: 'kubectl certificate SUBCOMMAND [options]',
  flags: [],
  subcommands: [approve, deny],
  run: () => ({ stdout: verbHelp(certificate), stderr: '', exitCode: 0 }),
};
