// Imported first by main.ts: the instrumentation must patch http, pg and ioredis before anything
// requires them. Only @app/config (zod, @nestjs/common) is loaded before it, none of those.
import { tracingSettings } from '@app/config';
import { startTracing } from '../../api/src/ops/tracing';

startTracing(tracingSettings(), 'bus-booking-worker');
