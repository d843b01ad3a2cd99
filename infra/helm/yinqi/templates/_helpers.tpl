{{/* Names and labels shared by every object. */}}
{{- define "yinqi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* <fullname>-<app>: the name of an app's Deployment, Service, PDB and HPA. Call with (list $ "identity"). */}}
{{- define "yinqi.appName" -}}
{{- printf "%s-%s" (include "yinqi.fullname" (index . 0)) (index . 1) -}}
{{- end -}}

{{- define "yinqi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: yinqi
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* The labels of one app's objects: the common ones and its name. Call with (list $ "identity"). */}}
{{- define "yinqi.appLabels" -}}
{{ include "yinqi.labels" (index . 0) }}
app.kubernetes.io/name: {{ index . 1 }}
{{- end -}}

{{/* Selector labels of one app. Call with (list $ "identity"). */}}
{{- define "yinqi.selector" -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
{{- end -}}

{{- define "yinqi.secretName" -}}
{{- default (printf "%s-secrets" (include "yinqi.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The app's image: <registry>/<prefix>-<app>:<tag>. */}}
{{- define "yinqi.image" -}}
{{- $ := index . 0 -}}
{{- $app := index . 1 -}}
{{- with $.Values.image -}}
{{- if .registry -}}{{ printf "%s/%s-%s:%s" .registry .prefix $app .tag }}{{- else -}}{{ printf "%s-%s:%s" .prefix $app .tag }}{{- end -}}
{{- end -}}
{{- end -}}

{{/* Whether an app runs under a HorizontalPodAutoscaler. */}}
{{- define "yinqi.autoscaled" -}}
{{- $cfg := index . 1 -}}
{{- if and $cfg.autoscaling $cfg.autoscaling.enabled (not $cfg.singleton) -}}true{{- end -}}
{{- end -}}

{{/* Fails the render when the required settings are missing or a singleton is asked to scale. */}}
{{- define "yinqi.validate" -}}
{{- if not .Values.kafka.brokers -}}{{- fail "kafka.brokers is required: the Kafka cluster's bootstrap brokers, comma-separated" -}}{{- end -}}
{{- if not (contains "\"keys\"" .Values.jwtPublicKeys) -}}{{- fail "jwtPublicKeys is required: identity's public JWKS (node infra/launcher/jwt-keys.mjs)" -}}{{- end -}}
{{- if contains "\"d\"" .Values.jwtPublicKeys -}}{{- fail "jwtPublicKeys holds a private key: give the public JWKS only" -}}{{- end -}}
{{- if not .Values.secrets.existingSecret -}}
{{- if not .Values.mongo.url -}}{{- fail "mongo.url is required (a MongoDB replica-set URL), or secrets.existingSecret with MONGO_URL in it" -}}{{- end -}}
{{- if not (contains "\"d\"" .Values.secrets.jwtSigningKeys) -}}{{- fail "secrets.jwtSigningKeys is required: identity's private JWKS (node infra/launcher/jwt-keys.mjs), or set secrets.existingSecret" -}}{{- end -}}
{{- if not .Values.secrets.adminEmail -}}{{- fail "secrets.adminEmail is required (or set secrets.existingSecret)" -}}{{- end -}}
{{- if lt (len .Values.secrets.adminPassword) 10 -}}{{- fail "secrets.adminPassword must be at least 10 characters (or set secrets.existingSecret)" -}}{{- end -}}
{{- if lt (len .Values.secrets.auditIngestKey) 32 -}}{{- fail "secrets.auditIngestKey must be at least 32 characters (or set secrets.existingSecret)" -}}{{- end -}}
{{- end -}}
{{- range $name, $cfg := .Values.apps -}}
{{- if and $cfg.singleton (or (gt (int $cfg.replicas) 1) (and $cfg.autoscaling $cfg.autoscaling.enabled)) -}}
{{- fail (printf "apps.%s must run as exactly one replica (it keeps its state in memory: docs/DEPLOYMENT.md \"Scaling\"); set replicas: 1 and no autoscaling" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
