export {
  WorkerModule,
  WORKER_SUBSCRIPTIONS,
  WORKER_QUEUES,
  SubscriptionHost,
} from './worker.module';
export { HoldSweeper } from './hold-expiry/hold-sweeper';
export { BookingSweeper } from './booking-timers/booking-sweeper';
export { warmUpRenderThreads } from './tickets/render-threads';
