import type { FlagSpec } from '../../../flags.ts';

/** kubectl proxy --help's text (kubectl 1.33), as data for the help printer. */
export const PROXY_LONG = "Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also allows serving static content over specified HTTP path. All incoming data enters through one port and gets forwarded to the remote Kubernetes API server port, except for the path matching the static content path.";

export const PROXY_EXAMPLES = "# To proxy all of the Kubernetes API and nothing else\nkubectl proxy --api-prefix=/\n\n# To proxy only part of the Kubernetes API and also some static files\n# You can get pods info with 'curl localhost:8001/api/v1/pods'\nkubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/\n\n# To proxy the entire Kubernetes API at a different root\n# You can get pods info with 'curl localhost:8001/custom/api/v1/pods'\nkubectl proxy --api-prefix=/custom/\n\n# Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/\nkubectl proxy --port=8011 --www=./local/www/\n\n# Run a proxy to the Kubernetes API server on an arbitrary local port\n# The chosen port for the server will be output to stdout\nkubectl proxy --port=0\n\n# Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api\n# This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/\nkubectl proxy --api-prefix=/k8s-api";

export const PROXY_USAGE = "kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]";

/** Its flags, as `kubectl proxy --help` lists them. */
export const PROXY_FLAGS: FlagSpec[] = [
  { name: "accept-hosts", type: "string", default: "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$", help: "Regular expression for hosts that the proxy should accept." },
  { name: "accept-paths", type: "string", default: "^.*", help: "Regular expression for paths that the proxy should accept." },
  { name: "address", type: "string", default: "127.0.0.1", help: "The IP address on which to serve on." },
  { name: "api-prefix", type: "string", default: "/", help: "Prefix to serve the proxied API under." },
  { name: "append-server-path", type: "bool", help: "If true, enables automatic path appending of the kube context server path to each request." },
  { name: "disable-filter", type: "bool", help: "If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port." },
  { name: "keepalive", type: "string", default: "0s", help: "keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive." },
  { name: "port", short: "p", type: "int", default: 8001, help: "The port on which to run the proxy. Set to 0 to pick a random port." },
  { name: "reject-methods", type: "string", default: "^$", help: "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). " },
  { name: "reject-paths", type: "string", default: "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach", help: "Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths." },
  { name: "unix-socket", short: "u", type: "string", help: "Unix socket on which to run the proxy." },
  { name: "www", short: "w", type: "string", help: "Also serve static files from the given directory under the specified prefix." },
  { name: "www-prefix", short: "P", type: "string", default: "/static/", help: "Prefix to serve static files under, if static file directory is specified." },
];
