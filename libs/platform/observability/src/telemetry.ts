import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK. Call it before anything else is imported (each service's
 * `instrumentation.ts`). The SDK reads the standard variables itself (`OTEL_SERVICE_NAME`,
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_TRACES_SAMPLER`, ...).
 * Nothing starts unless an exporter endpoint is configured or `OTEL_SDK_DISABLED` is false.
 */
export function startTelemetry(defaultServiceName: string, env = process.env): void {
  if (sdk || env['OTEL_SDK_DISABLED'] === 'true') return;
  const configured =
    env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (!configured) return;
  env['OTEL_SERVICE_NAME'] ||= defaultServiceName;
  sdk = new NodeSDK({});
  sdk.start();
}

/** Flushes and stops the SDK; called once the service has shut down. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
