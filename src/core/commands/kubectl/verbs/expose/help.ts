import type { FlagSpec } from '../../../flags.ts';

/** kubectl expose --help's text (kubectl 1.33), as data for the help printer. */
export const EXPOSE_LONG = "Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\n Possible resources include (case insensitive):\n\n pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)";

export const EXPOSE_EXAMPLES = "# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000\nkubectl expose rc nginx --port=80 --target-port=8000\n\n# Create a service for a replication controller identified by type and name specified in \"nginx-controller.yaml\", which serves on port 80 and connects to the containers on port 8000\nkubectl expose -f nginx-controller.yaml --port=80 --target-port=8000\n\n# Create a service for a pod valid-pod, which serves on port 444 with the name \"frontend\"\nkubectl expose pod valid-pod --port=444 --name=frontend\n\n# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name \"nginx-https\"\nkubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https\n\n# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.\nkubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream\n\n# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000\nkubectl expose rs nginx --port=80 --target-port=8000\n\n# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\nkubectl expose deployment nginx --port=80 --target-port=8000";

export const EXPOSE_USAGE = "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]";

/** Its flags, as `kubectl expose --help` lists them. */
export const EXPOSE_FLAGS: FlagSpec[] = [
  { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
  { name: "cluster-ip", type: "string", help: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
  { name: "dry-run", type: "string", default: "none", help: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource." },
  { name: "external-ip", type: "string", help: "Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP." },
  { name: "field-manager", type: "string", default: "kubectl-expose", help: "Name of the manager used to track field ownership." },
  { name: "filename", short: "f", type: "stringArray", help: "Filename, directory, or URL to files identifying the resource to expose a service" },
  { name: "kustomize", short: "k", type: "string", help: "Process the kustomization directory. This flag can't be used together with -f or -R." },
  { name: "labels", short: "l", type: "string", help: "Labels to apply to the service created by this call." },
  { name: "load-balancer-ip", type: "string", help: "IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific)." },
  { name: "name", type: "string", help: "The name for the newly created object." },
  { name: "output", short: "o", type: "string", help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
  { name: "override-type", type: "string", default: "merge", help: "The method used to override the generated object: json, merge, or strategic." },
  { name: "overrides", type: "string", help: "An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field." },
  { name: "port", type: "string", help: "The port that the service should serve on. Copied from the resource being exposed, if unspecified" },
  { name: "protocol", type: "string", help: "The network protocol for the service to be created. Default is 'TCP'." },
  { name: "recursive", short: "R", type: "bool", help: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory." },
  { name: "save-config", type: "bool", help: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
  { name: "selector", type: "string", help: "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)" },
  { name: "session-affinity", type: "string", help: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
  { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  { name: "target-port", type: "string", help: "Name or number for the port on the container that the service should direct traffic to. Optional." },
  { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
  { name: "type", type: "string", help: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
];
