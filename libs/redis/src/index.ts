export {
  RedisModule,
  RedisHealth,
  type RedisStatus,
  REDIS_CLIENT,
  createRedisClient,
} from './redis.module';
export { RateLimiter, type RateDecision } from './rate-limiter';
export { closeQuietly } from './close-quietly';
export { bullConnection } from './bull-connection';
