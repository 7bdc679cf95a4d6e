import type { FlagSpec } from '../../../flags.ts';

/** kubectl autoscale --help's text (kubectl 1.33), as data for the help printer. */
export const AUTOSCALE_LONG = "Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.\n\n Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.";

export const AUTOSCALE_EXAMPLES = "# Auto scale a deployment \"foo\", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used\nkubectl autoscale deployment foo --min=2 --max=10\n\n# Auto scale a replication controller \"foo\", with the number of pods between 1 and 5, target CPU utilization at 80%\nkubectl autoscale rc foo --max=5 --cpu-percent=80";

export const AUTOSCALE_USAGE = "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]";

/** Its flags, as `kubectl autoscale --help` lists them. */
export const AUTOSCALE_FLAGS: FlagSpec[] = [
  { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
  { name: "cpu-percent", type: "int", default: -1, help: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
  { name: "dry-run", type: "string", default: "none", help: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource." },
  { name: "field-manager", type: "string", default: "kubectl-autoscale", help: "Name of the manager used to track field ownership." },
  { name: "filename", short: "f", type: "stringArray", help: "Filename, directory, or URL to files identifying the resource to autoscale." },
  { name: "kustomize", short: "k", type: "string", help: "Process the kustomization directory. This flag can't be used together with -f or -R." },
  { name: "max", type: "int", default: -1, help: "The upper limit for the number of pods that can be set by the autoscaler. Required." },
  { name: "min", type: "int", default: -1, help: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
  { name: "name", type: "string", help: "The name for the newly created object. If not specified, the name of the input resource will be used." },
  { name: "output", short: "o", type: "string", help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
  { name: "recursive", short: "R", type: "bool", help: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory." },
  { name: "save-config", type: "bool", help: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
  { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
];
