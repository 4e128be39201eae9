export { RedisModule, RedisHealth, RedisStatus, REDIS_CLIENT, createRedisClient } from './redis.module';
