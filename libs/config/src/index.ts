export {
  type AppConfig,
  type BookingConfig,
  type SeatHoldsConfig,
  type TracingConfig,
  APP_CONFIG,
  ConfigError,
  loadConfig,
  tracingSettings,
  groupSubscriptionId,
  queuePrefix,
} from './app-config';
export { ConfigModule } from './config.module';
export {
  generateSecrets,
  OPERATOR_SECRET_NAMES,
  SECRET_NAMES,
  writeOperatorSecretFiles,
  writeSecretFiles,
} from './secrets';
