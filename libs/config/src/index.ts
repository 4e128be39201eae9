export {
  type AppConfig,
  type BookingConfig,
  type SeatHoldsConfig,
  APP_CONFIG,
  ConfigError,
  loadConfig,
  groupSubscriptionId,
  queuePrefix,
} from './app-config';
export { ConfigModule } from './config.module';
export { generateSecrets, SECRET_NAMES, writeSecretFiles } from './secrets';
