// Loaded first by main.ts: telemetry must start before any instrumented module is required.
import { startTelemetry } from '@shop/platform/observability';

startTelemetry('accounts');
