export { RedisModule, RedisHealth, REDIS_CLIENT } from './redis.module';
export { RateLimiter } from './rate-limiter';
export { bullConnection } from './bull-connection';
export { withDeadline } from './deadline';
