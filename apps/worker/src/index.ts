export { WorkerModule, WORKER_SUBSCRIPTIONS, SubscriptionHost } from './worker.module';
export { HoldSweeper } from './hold-expiry/hold-sweeper';
export { BookingSweeper } from './booking-timers/booking-sweeper';
