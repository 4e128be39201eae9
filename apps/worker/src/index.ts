export { WorkerModule, WORKER_SUBSCRIPTIONS, SubscriptionHost } from './worker.module';
