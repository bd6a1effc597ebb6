{{/* Chart name, overridable. */}}
{{- define "sre-orchestrator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name. Kept to 49 characters so that "-orchestrator" (13) still fits a 63-character
DNS label: Service names must be DNS-1035 labels.
*/}}
{{- define "sre-orchestrator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 49 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 49 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 49 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sre-orchestrator.orchestrator.fullname" -}}
{{- printf "%s-orchestrator" (include "sre-orchestrator.fullname" .) }}
{{- end }}

{{- define "sre-orchestrator.k8sAgent.fullname" -}}
{{- printf "%s-k8s-agent" (include "sre-orchestrator.fullname" .) }}
{{- end }}

{{- define "sre-orchestrator.k8sAgent.serviceAccountName" -}}
{{- if .Values.k8sAgent.serviceAccount.create }}
{{- default (include "sre-orchestrator.k8sAgent.fullname" .) .Values.k8sAgent.serviceAccount.name }}
{{- else }}
{{- required "k8sAgent.serviceAccount.name is required when k8sAgent.serviceAccount.create is false" .Values.k8sAgent.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The URL the orchestrator calls the agent at: its Service's cluster DNS name, so it works from any namespace. */}}
{{- define "sre-orchestrator.k8sAgent.url" -}}
{{- printf "http://%s.%s.svc.%s:%d" (include "sre-orchestrator.k8sAgent.fullname" .) .Release.Namespace .Values.clusterDomain (int .Values.k8sAgent.service.port) }}
{{- end }}

{{- define "sre-orchestrator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object of a component. Call with (dict "root" $ "component" "k8s-agent"). */}}
{{- define "sre-orchestrator.labels" -}}
helm.sh/chart: {{ include "sre-orchestrator.chart" .root }}
{{ include "sre-orchestrator.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ include "sre-orchestrator.name" .root }}
{{- end }}

{{/* The immutable subset of the labels, used in selectors. */}}
{{- define "sre-orchestrator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sre-orchestrator.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Image reference. Call with (dict "root" $ "image" .Values.k8sAgent.image). */}}
{{- define "sre-orchestrator.image" -}}
{{- $repository := .image.repository }}
{{- with .root.Values.imageRegistry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}

{{/*
A memory quantity in MiB, for the integer forms the schema admits (e.g. 256Mi, 1Gi, 300M, 268435456).
Fails rather than guess, since a wrong heap size either wastes the limit or gets the container OOMKilled.
*/}}
{{- define "sre-orchestrator.memoryMiB" -}}
{{- $quantity := . }}
{{- if not (kindIs "string" $quantity) }}
{{- /* Helm reads YAML numbers as float64, which toString would print in exponent form. */}}
{{- $quantity = int64 $quantity | toString }}
{{- end }}
{{- $number := regexFind "^[0-9]+" $quantity }}
{{- $unit := trimPrefix $number $quantity }}
{{- if not $number }}
{{- fail (printf "cannot read memory quantity %q: use an integer with Ki, Mi, Gi, k, M or G" $quantity) }}
{{- end }}
{{- $bytesPerUnit := dict "" 1 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "k" 1000 "M" 1000000 "G" 1000000000 }}
{{- if not (hasKey $bytesPerUnit $unit) }}
{{- fail (printf "cannot read memory quantity %q: use an integer with Ki, Mi, Gi, k, M or G" $quantity) }}
{{- end }}
{{- div (mul (int64 $number) (get $bytesPerUnit $unit)) 1048576 }}
{{- end }}

{{/*
NODE_OPTIONS sized to the container's memory limit. V8 does not size its old space after the cgroup limit, so
without this a busy pod grows past its limit and is OOMKilled instead of collecting garbage. 75% leaves room for
new space, code and native buffers.
*/}}
{{- define "sre-orchestrator.nodeOptions" -}}
{{- $limit := dig "limits" "memory" "" .resources }}
{{- if $limit }}
{{- printf "--max-old-space-size=%d" (div (mul (int64 (include "sre-orchestrator.memoryMiB" $limit)) 3) 4) }}
{{- end }}
{{- end }}

{{/*
The container's env: the chart's variables, minus any the user set in extraEnv, then extraEnv.
Kubernetes keeps the last of duplicate names but server-side apply rejects duplicates, hence the filtering.
Call with (dict "defaults" (list (dict "name" .. "value" ..)) "extra" .Values.x.extraEnv).
*/}}
{{- define "sre-orchestrator.env" -}}
{{- $overridden := dict }}
{{- range .extra }}
{{- $_ := set $overridden .name true }}
{{- end }}
{{- $env := list }}
{{- range .defaults }}
{{- if not (hasKey $overridden .name) }}
{{- $env = append $env . }}
{{- end }}
{{- end }}
{{- $env = concat $env .extra }}
{{- if $env }}
{{- toYaml $env }}
{{- end }}
{{- end }}

{{/* Pod-level security context of every Pod: the "restricted" Pod Security Standard. */}}
{{- define "sre-orchestrator.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "sre-orchestrator.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Exactly what one investigation reads, resource by resource, read verbs only: never secrets (a pod's env and
volumes name them; the agent never resolves them), never configmaps, never a wildcard.
*/}}
{{- define "sre-orchestrator.k8sAgent.namespacedRules" -}}
# The pod, its status and its containers.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
# Current and previous container logs.
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
# Scheduling, probe, pull and kill events about the pod.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["list", "watch"]
# The owner chain (ReplicaSet -> Deployment, StatefulSet, DaemonSet, Job -> CronJob) for rollout context.
- apiGroups: ["apps"]
  resources: ["replicasets", "deployments", "statefulsets", "daemonsets"]
  verbs: ["get"]
- apiGroups: ["batch"]
  resources: ["jobs", "cronjobs"]
  verbs: ["get"]
{{- end }}

{{/*
The knowledge graph as file text, or empty when none is given. Accepts YAML in values or a string (--set-file).
*/}}
{{- define "sre-orchestrator.orchestrator.knowledgeGraph" -}}
{{- $graph := .Values.orchestrator.knowledgeGraph }}
{{- if kindIs "string" $graph }}
{{- trim $graph }}
{{- else if $graph }}
{{- toYaml $graph }}
{{- end }}
{{- end }}

{{/*
Namespace the agent's readiness check lists pods in: one its RBAC covers. Cluster scope covers the release
namespace; namespaced scope covers only the listed ones, and the release namespace need not be among them.
*/}}
{{- define "sre-orchestrator.k8sAgent.readinessNamespace" -}}
{{- if and (eq .Values.rbac.scope "namespaced") (not (has .Release.Namespace .Values.rbac.namespaces)) }}
{{- first .Values.rbac.namespaces }}
{{- else }}
{{- .Release.Namespace }}
{{- end }}
{{- end }}
