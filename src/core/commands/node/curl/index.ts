import type { CommandContext, CommandResult, Command } from '../../types.ts';
import { leaderOf } from '../../../sim/etcd/latency.ts';
import { etcdHealth, etcdMetrics } from './metrics.ts';

/**
 * `curl` (7.81, Ubuntu 22.04) against what listens on a node: etcd's metrics listener
 * (`http://127.0.0.1:2381/metrics`, `/health`) on control-plane nodes, and the API server's
 * health endpoints (`https://127.0.0.1:6443/livez|readyz|healthz`, which need `-k` with
 * curl's default CA bundle). Everything else is refused or unresolvable, with curl's messages
 * and exit codes (6, 7, 60; 2 for usage errors).
 */

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const BOOL = new Set(['-s', '--silent', '-S', '--show-error', '-k', '--insecure', '-v', '--verbose', '-f', '--fail', '-L', '--location', '-i', '--include', '-g', '--globoff', '--compressed', '-4', '-6']);
const VALUE = new Set(['-o', '--output', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '--cacert', '--cert', '--key', '-H', '--header', '-X', '--request', '-u', '--user']);

const SSL_FAIL = 'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n';

export const curl: Command = {
  name: 'curl',
  places: ['node'],
  summary: 'transfer a URL',
  run(ctx) {
    const args = ctx.argv.slice(1);
    const urls: string[] = [];
    const set = new Set<string>();
    let output = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help' || a === '-h') return { stdout: 'Usage: curl [options...] <url>\n -d, --data <data>          HTTP POST data\n -f, --fail                 Fail fast with no output on HTTP errors\n -h, --help <category>      Get help for commands\n -i, --include              Include protocol response headers in the output\n -o, --output <file>        Write to file instead of stdout\n -O, --remote-name          Write output to a file named as the remote file\n -s, --silent               Silent mode\n -T, --upload-file <file>   Transfer local FILE to destination\n -u, --user <user:password> Server user and password\n -A, --user-agent <name>    Send User-Agent <name> to server\n -v, --verbose              Make the operation more talkative\n -V, --version              Show version number and quit\n\nThis is not the full help, this menu is stripped into categories.\nUse "--help category" to get an overview of all categories.\nFor all options use the manual or "--help all".\n', stderr: '', exitCode: 0 };
      if (a === '-V' || a === '--version') return { stdout: 'curl 7.81.0 (x86_64-pc-linux-gnu) libcurl/7.81.0 OpenSSL/3.0.2 zlib/1.2.11 brotli/1.0.9 zstd/1.4.8 libidn2/2.3.2 libpsl/0.21.0 (+libidn2/2.3.2) libssh/0.9.6/openssl/zlib nghttp2/1.43.0 librtmp/2.3 OpenLDAP/2.5.18\nRelease-Date: 2022-01-05\n', stderr: '', exitCode: 0 };
      if (BOOL.has(a)) { set.add(a); continue; }
      if (/^-[sSkvfLig46]+$/.test(a)) { for (const c of a.slice(1)) set.add(`-${c}`); continue; }
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      if (VALUE.has(name)) {
        const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
        if (v === undefined) return { stdout: '', stderr: `curl: option ${a}: requires parameter\n${TRY}`, exitCode: 2 };
        if (name === '-o' || name === '--output') output = v;
        continue;
      }
      if (a.startsWith('-') && a.length > 1) return { stdout: '', stderr: `curl: option ${a}: is unknown\n${TRY}`, exitCode: 2 };
      urls.push(a);
    }
    if (urls.length === 0) return { stdout: '', stderr: `curl: no URL specified!\n${TRY}`, exitCode: 2 };
    const silent = set.has('-s') || set.has('--silent');
    const showError = !silent || set.has('-S') || set.has('--show-error');
    let stdout = '';
    let stderr = '';
    let exitCode = 0;
    for (const u of urls) {
      const r = fetchUrl(ctx, u, set.has('-k') || set.has('--insecure'));
      if (r.code) {
        exitCode = r.code;
        if (showError) stderr += r.error;
        continue;
      }
      ctx.wait(r.ms, true);
      if (output !== '/dev/null') stdout += r.body;
    }
    return { stdout, stderr, exitCode };
  },
};

interface Fetched { code: number; error: string; body: string; ms: number }

function fetchUrl(ctx: CommandContext, raw: string, insecure: boolean): Fetched {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)(\?[^#]*)?/.exec(raw);
  if (!m) return { code: 3, error: `curl: (3) URL using bad/illegal format or missing URL\n`, body: '', ms: 0 };
  const scheme = m[1] ?? 'http';
  const host = m[2];
  if (scheme !== 'http' && scheme !== 'https') return { code: 1, error: `curl: (1) Protocol "${scheme}" not supported or disabled in libcurl\n`, body: '', ms: 0 };
  const port = Number(m[3] ?? (scheme === 'https' ? 443 : 80));
  const path = m[4] || '/';
  const local = host === '127.0.0.1' || host === 'localhost' || host === ctx.host.ip || host === ctx.host.name;
  const known = local || /^\d+\.\d+\.\d+\.\d+$/.test(host);
  if (!known) return { code: 6, error: `curl: (6) Could not resolve host: ${host}\n`, body: '', ms: 0 };
  const refused: Fetched = { code: 7, error: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Connection refused\n`, body: '', ms: 0 };
  const e = ctx.state.etcd;
  const member = e?.members.find((x) => x.host === ctx.host.name && x.started);
  if (!local || !member || !e) return refused;
  if (port === 2381 && scheme === 'http') {
    if (path === '/metrics') return { code: 0, error: '', body: etcdMetrics(ctx.state, member), ms: 4 };
    if (path === '/health' || path === '/livez' || path === '/readyz') return { code: 0, error: '', body: path === '/health' ? etcdHealth(ctx.state) : 'ok', ms: 2 };
    return { code: 0, error: '', body: '404 page not found\n', ms: 1 };
  }
  if (port === 6443) {
    if (scheme === 'http') return { code: 0, error: '', body: 'Client sent an HTTP request to an HTTPS server.\n', ms: 1 };
    if (!insecure) return { code: 60, error: SSL_FAIL, body: '', ms: 0 };
    if (path === '/livez' || path === '/healthz') return { code: 0, error: '', body: 'ok', ms: 3 };
    if (path === '/readyz') return { code: 0, error: '', body: leaderOf(e, ctx.state.now) ? 'ok' : '[-]etcd failed: reason withheld\nreadyz check failed\n', ms: 3 };
    return { code: 0, error: '', body: '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"' + path + '\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}', ms: 3 };
  }
  return refused;
}
