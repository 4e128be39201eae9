// Imported first by main.ts: the instrumentation must patch http, pg and ioredis before anything
// requires them. Only the configuration schema is loaded before it.
import { tracingSettings } from '@app/config';
import { startTracing } from '../../api/src/ops/tracing';

startTracing(tracingSettings(), 'bus-booking-worker');
