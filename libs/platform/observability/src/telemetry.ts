import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOffSampler, NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import type { IncomingMessage, ServerResponse } from 'node:http';

let sdk: NodeSDK | undefined;
let prometheus: PrometheusExporter | undefined;

/**
 * Starts OpenTelemetry. Call it before anything else is imported (each service's
 * `instrumentation.ts`), so the instrumented modules (http, undici, pg, kafkajs) are patched.
 * Traces follow the standard variables, read by the SDK itself: `OTEL_SERVICE_NAME`,
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` or `http/json`),
 * `OTEL_TRACES_SAMPLER`, ... With no endpoint configured no trace can be exported, so none is
 * recorded: spans are not sampled (no attributes, events or end-of-span processing), yet each
 * still gets its trace and span ids, which propagate to the next service (`traceparent`, flag
 * "not sampled") and appear on every log line. Metrics are always collected and served in
 * Prometheus format at `/metrics`.
 * `OTEL_SDK_DISABLED=true` turns everything off.
 */
export function startTelemetry(defaultServiceName: string, env = process.env): void {
  if (sdk || env['OTEL_SDK_DISABLED'] === 'true') return;
  env['OTEL_SERVICE_NAME'] ||= defaultServiceName;
  const exporting = Boolean(
    env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
  );
  if (!exporting) env['OTEL_TRACES_EXPORTER'] ||= 'none';
  env['OTEL_METRICS_EXPORTER'] ||= 'none'; // metrics go to Prometheus, below
  env['OTEL_LOGS_EXPORTER'] ||= 'none';
  prometheus = new PrometheusExporter({ preventServerStart: true });
  sdk = new NodeSDK({
    metricReaders: [prometheus],
    // Without an exporter, recording spans only to drop them cost the gateway about a third of its
    // CPU per request (BENCHMARKS.md, issue 12): sample none. (The no-op processor keeps a tracer
    // provider: without one the API's no-op tracer gives no ids at all.) Ids are still generated, so trace
    // context still propagates and every log line still carries trace_id / span_id.
    ...(exporting
      ? {}
      : { sampler: new AlwaysOffSampler(), spanProcessors: [new NoopSpanProcessor()] }),
    instrumentations: [
      // Incoming requests get their server spans from the services' own request listener
      // (http-server-spans.ts, a quarter of the CPU per request cheaper); this one still covers
      // requests sent with node:http.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
}

/** Serves the Prometheus text format (mounted at `/metrics` by every service). */
export function handleMetricsRequest(req: IncomingMessage, res: ServerResponse): void {
  if (!prometheus) {
    res.statusCode = 404;
    res.end('metrics are disabled (OTEL_SDK_DISABLED=true)\n');
    return;
  }
  prometheus.getMetricsRequestHandler(req, res);
}

/** The meter every service's own instruments come from. */
export function shopMeter() {
  return metrics.getMeter('shop');
}

/** Flushes and stops the SDK; called once the service has shut down. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
