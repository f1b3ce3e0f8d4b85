{{/*
Names: the release's prefix, "<release>" when it already says "shop", else "<release>-shop".
*/}}
{{- define "shop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "shop.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "shop.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The seven services; the five of them that own a database and use Kafka; and the storefront, the
one that is not a NestJS service (libs/platform) but a static file server
(apps/storefront/server/serve.mjs, docker/storefront.Dockerfile): it runs its image's own
command, takes PORT only, writes nothing (no /tmp), calls nothing and resolves no names (no
egress at all, not even DNS), and only the gateway reaches it.
*/}}
{{- define "shop.services" -}}gateway accounts catalog cart orders payments storefront{{- end -}}
{{- define "shop.backends" -}}accounts catalog cart orders payments{{- end -}}
{{- define "shop.static" -}}storefront{{- end -}}

{{/*
The calls between services (docs/architecture; the *_URL settings in deploy/compose): who calls
whom over HTTP. NetworkPolicies allow exactly these, plus each backend's database and Kafka.
- gateway routes /api/<service> to every service, and fetches accounts' JWKS; GET/HEAD of `/`
  and every other non-/api path go to the storefront (STOREFRONT_URL);
- every other backend verifies tokens with accounts' JWKS (AUTH_JWKS_URL);
- cart asks catalog for prices and places orders with orders at checkout;
- the storefront calls nothing (the browser talks to the gateway).
*/}}
{{- define "shop.calls" -}}
gateway: [accounts, catalog, cart, orders, payments, storefront]
accounts: []
catalog: [accounts]
cart: [accounts, catalog, orders]
orders: [accounts]
payments: [accounts]
storefront: []
{{- end -}}

{{/* Common labels; "shop.selectorLabels" (dict "root" $ "component" NAME) select one workload. */}}
{{- define "shop.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "shop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: shop
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "shop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shop.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "shop.componentLabels" -}}
{{ include "shop.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The release's pods (all of them): for the default-deny and DNS policies. */}}
{{- define "shop.releaseSelector" -}}
app.kubernetes.io/name: {{ include "shop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* A service's settings: defaults, overlaid with services.<name>. (dict "root" $ "name" NAME) */}}
{{- define "shop.serviceValues" -}}
{{- $own := index .root.Values.services .name | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) -}}
{{- end -}}

{{- define "shop.port" -}}
{{- $own := index .root.Values.services .name | default dict -}}
{{- $own.port | default 3000 -}}
{{- end -}}

{{- define "shop.image" -}}
{{- $own := index .root.Values.services .name | default dict -}}
{{- if $own.image -}}{{ $own.image }}{{- else -}}{{ printf "%s/%s:%s" .root.Values.image.prefix .name (toString .root.Values.image.tag) }}{{- end -}}
{{- end -}}

{{/* The Secret the chart makes for every password not taken from an existing Secret. */}}
{{- define "shop.secretName" -}}{{ include "shop.fullname" . }}-secrets{{- end -}}

{{/*
A password of the chart's Secret: the value given, else the one the Secret already holds (so an
upgrade keeps it), else a new random one. (dict "root" $ "key" KEY "value" VALUE)
*/}}
{{- define "shop.password" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace (include "shop.secretName" .root) -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 32 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
A projected-volume source for one password file: the existing Secret's key when one is named,
else the chart's Secret's key. (dict "root" $ "existingSecret" NAME "existingSecretKey" KEY
"key" CHART_KEY "path" FILE)
*/}}
{{- define "shop.secretSource" -}}
- secret:
    name: {{ .existingSecret | default (include "shop.secretName" .root) }}
    items:
      - key: {{ ternary .existingSecretKey .key (not (empty .existingSecret)) }}
        path: {{ .path }}
{{- end -}}

{{/* Where a backend's database is: its own host, else the in-chart or external server. */}}
{{- define "shop.dbHost" -}}
{{- $db := index .root.Values.databases .name -}}
{{- if include "shop.dbInChart" . -}}{{ include "shop.fullname" .root }}-postgres
{{- else if $db.host -}}{{ $db.host }}
{{- else -}}{{ required "postgres.external.host is required when postgres.inChart is false" .root.Values.postgres.external.host }}
{{- end -}}
{{- end -}}

{{- define "shop.dbPort" -}}
{{- $db := index .root.Values.databases .name -}}
{{- $db.port | default (ternary 5432 .root.Values.postgres.external.port .root.Values.postgres.inChart) -}}
{{- end -}}

{{/*
Whether a backend's database is the in-chart Postgres ("true" or ""): all of them are when there
is one, named after their services (its scripts are deploy/compose's: files/postgres).
*/}}
{{- define "shop.dbInChart" -}}
{{- $db := index .root.Values.databases .name -}}
{{- if .root.Values.postgres.inChart -}}
{{- if or $db.host $db.port (ne $db.name .name) (ne $db.user .name) -}}
{{- fail (printf "databases.%s: with postgres.inChart its database and user are %q on the in-chart server (no host, port, name or user of its own)" .name .name) -}}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{- define "shop.kafkaBrokers" -}}
{{- if .Values.kafka.inChart -}}{{ include "shop.fullname" . }}-kafka:9092
{{- else -}}
{{- if not .Values.kafka.external.brokers -}}{{- fail "kafka.external.brokers is required when kafka.inChart is false" -}}{{- end -}}
{{- join "," .Values.kafka.external.brokers -}}
{{- end -}}
{{- end -}}

{{/* The hardened securityContext of every container the chart runs from the shop's images. */}}
{{- define "shop.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "shop.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
A service's environment (deploy/compose's, with Kubernetes names): the URLs of the services it
calls come from "shop.calls", passwords are files (X_FILE) from the secrets volume. The
storefront, as in compose, gets PORT only (and its services.storefront.env).
(dict "root" $ "name" NAME "port" PORT "adminEmail" EMAIL "calls" LIST)
*/}}
{{- define "shop.env" -}}
{{- $root := .root -}}
{{- $fullname := include "shop.fullname" $root -}}
{{- $backend := has .name (splitList " " (include "shop.backends" $root)) -}}
{{- $static := has .name (splitList " " (include "shop.static" $root)) -}}
{{- $own := index $root.Values.services .name | default dict -}}
- { name: PORT, value: {{ .port | quote }} }
{{- if not $static }}
- { name: OTEL_SERVICE_NAME, value: {{ .name | quote }} }
- { name: MIGRATE_ON_START, value: "false" }
- { name: SHUTDOWN_GRACE_MS, value: {{ $root.Values.shutdown.graceMs | toString | quote }} }
{{- range $key := keys $root.Values.config | sortAlpha }}
- { name: {{ $key }}, value: {{ index $root.Values.config $key | toString | quote }} }
{{- end }}
{{- range $callee := .calls }}
{{- $url := printf "http://%s-%s:%s" $fullname $callee (include "shop.port" (dict "root" $root "name" $callee)) }}
{{- if and (eq $callee "accounts") $backend }}
- { name: AUTH_JWKS_URL, value: {{ printf "%s/.well-known/jwks.json" $url | quote }} }
{{- else }}
- { name: {{ upper $callee }}_URL, value: {{ $url | quote }} }
{{- end }}
{{- end }}
{{- if $backend }}
{{- $db := index $root.Values.databases .name }}
- { name: DB_HOST, value: {{ include "shop.dbHost" (dict "root" $root "name" .name) | quote }} }
- { name: DB_PORT, value: {{ include "shop.dbPort" (dict "root" $root "name" .name) | quote }} }
- { name: DB_NAME, value: {{ $db.name | quote }} }
- { name: DB_USER, value: {{ $db.user | quote }} }
- { name: DB_PASSWORD_FILE, value: /run/secrets/db-password }
- { name: KAFKA_BROKERS, value: {{ include "shop.kafkaBrokers" $root | quote }} }
- { name: KAFKA_REPLICATION_FACTOR, value: {{ ternary 1 $root.Values.kafka.external.replicationFactor $root.Values.kafka.inChart | toString | quote }} }
{{- range $key := keys $root.Values.backendConfig | sortAlpha }}
- { name: {{ $key }}, value: {{ index $root.Values.backendConfig $key | toString | quote }} }
{{- end }}
{{- end }}
{{- if .adminEmail }}
- { name: ADMIN_EMAIL, value: {{ .adminEmail | quote }} }
- { name: ADMIN_PASSWORD_FILE, value: /run/secrets/admin-password }
{{- end }}
{{- end }}
{{- range $key := keys ($own.env | default dict) | sortAlpha }}
- { name: {{ $key }}, value: {{ index $own.env $key | toString | quote }} }
{{- end }}
{{- end -}}
