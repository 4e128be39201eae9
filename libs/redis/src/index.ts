export {
  RedisModule,
  RedisHealth,
  type RedisStatus,
  REDIS_CLIENT,
  createRedisClient,
} from './redis.module';
export { RateLimiter, type RateDecision } from './rate-limiter';
export { bullConnection } from './bull-connection';
