{{/* Chart name, or nameOverride. */}}
{{- define "styletransfer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: prefix of every resource name (63 characters at most, a DNS label). */}}
{{- define "styletransfer.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "styletransfer.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the silo pods (Deployment, gateway Service, PodDisruptionBudget). */}}
{{- define "styletransfer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "styletransfer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: silo
{{- end -}}

{{- define "styletransfer.labels" -}}
helm.sh/chart: {{ include "styletransfer.chart" . }}
{{ include "styletransfer.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: styletransfer
{{- end -}}

{{/* Checks that a value can be a Kubernetes label value (Orleans' pod labels carry the ids). */}}
{{- define "styletransfer.labelValue" -}}
{{- $value := index . 1 -}}
{{- if not (regexMatch "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" $value) -}}
{{- fail (printf "%s %q is not a valid Kubernetes label value (at most 63 characters: alphanumerics, '-', '_' or '.', with an alphanumeric at both ends); Orleans' Kubernetes hosting puts it in a pod label" (index . 0) $value) -}}
{{- end -}}
{{- $value -}}
{{- end -}}

{{- define "styletransfer.serviceId" -}}
{{- include "styletransfer.labelValue" (list "orleans.serviceId" (required "orleans.serviceId is required (the Orleans ServiceId)" .Values.orleans.serviceId | toString)) -}}
{{- end -}}

{{- define "styletransfer.clusterId" -}}
{{- include "styletransfer.labelValue" (list "orleans.clusterId" (default (include "styletransfer.fullname" .) .Values.orleans.clusterId | toString)) -}}
{{- end -}}

{{- define "styletransfer.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "styletransfer.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret and key that hold the Azure Storage connection string. */}}
{{- define "styletransfer.storageSecretName" -}}
{{- if .Values.storage.existingSecret -}}
{{- .Values.storage.existingSecret -}}
{{- else if .Values.storage.connectionString -}}
{{- printf "%s-storage" (include "styletransfer.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- fail "storage: set storage.existingSecret (an existing Secret with the Azure Storage connection string under storage.existingSecretKey) or storage.connectionString (the chart then creates the Secret); the silos keep Orleans membership, job state and reminders in Azure Storage" -}}
{{- end -}}
{{- end -}}

{{- define "styletransfer.storageSecretKey" -}}
{{- if .Values.storage.existingSecret -}}
{{- required "storage.existingSecretKey is required with storage.existingSecret" .Values.storage.existingSecretKey -}}
{{- else -}}
connectionString
{{- end -}}
{{- end -}}

{{/* repository:tag of the silo image; the CUDA image with gpu.enabled. */}}
{{- define "styletransfer.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag | toString -}}
{{- if .Values.gpu.enabled -}}
{{- $tag = default (printf "%s-cuda" $tag) .Values.image.cudaTag | toString -}}
{{- end -}}
{{- printf "%s:%s" (required "image.repository is required" .Values.image.repository) $tag -}}
{{- end -}}

{{/* Torch device of the silos (GpuNode__Device). */}}
{{- define "styletransfer.gpuNodeDevice" -}}
{{- $device := default "" .Values.gpuNode.device | toString -}}
{{- if not $device -}}
{{- $device = ternary "cuda" "cpu" (.Values.gpu.enabled | default false) -}}
{{- end -}}
{{- if not (regexMatch "^(auto|cpu|cuda|cuda:[0-9]+)$" $device) -}}
{{- fail (printf "gpuNode.device %q: expected auto, cpu, cuda or cuda:N" $device) -}}
{{- end -}}
{{- if and .Values.gpu.enabled (eq $device "cpu") -}}
{{- fail "gpuNode.device is \"cpu\" while gpu.enabled is true: the pods would hold GPUs they never use" -}}
{{- end -}}
{{- $device -}}
{{- end -}}

{{/* Checks of values that no single template owns; included by the Deployment. */}}
{{- define "styletransfer.validate" -}}
{{- if lt (int .Values.replicaCount) 1 -}}
{{- fail "replicaCount must be at least 1" -}}
{{- end -}}
{{- if not (has (default "" .Values.resultStore.kind | toString) (list "azure" "local")) -}}
{{- fail (printf "resultStore.kind %q: expected azure or local" (default "" .Values.resultStore.kind | toString)) -}}
{{- end -}}
{{- if and (eq (default "" .Values.resultStore.kind | toString) "local") (not .Values.resultStore.existingClaim) -}}
{{- fail "resultStore.kind=local needs resultStore.existingClaim: a ReadWriteMany PersistentVolumeClaim that every silo writes results to" -}}
{{- end -}}
{{- if eq (default "" .Values.resultStore.kind | toString) "azure" -}}
{{- $container := default "" .Values.resultStore.container | toString -}}
{{- if or (lt (len $container) 3) (gt (len $container) 63) (not (regexMatch "^[a-z0-9]+(-[a-z0-9]+)*$" $container)) -}}
{{- fail (printf "resultStore.container %q is not a valid blob container name: 3-63 lowercase letters, digits and single hyphens" $container) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.gpu.enabled (lt (int .Values.gpu.count) 1) -}}
{{- fail "gpu.count must be at least 1 when gpu.enabled is true" -}}
{{- end -}}
{{- if lt (int .Values.terminationGracePeriodSeconds) 30 -}}
{{- fail "terminationGracePeriodSeconds must be at least 30: the silo needs time to leave the cluster and hand back its work" -}}
{{- end -}}
{{- $ports := list (int .Values.orleans.siloPort) (int .Values.orleans.gatewayPort) (int .Values.http.port) -}}
{{- if ne (len (uniq $ports)) 3 -}}
{{- fail (printf "orleans.siloPort, orleans.gatewayPort and http.port must differ (got %v)" $ports) -}}
{{- end -}}
{{- end -}}
