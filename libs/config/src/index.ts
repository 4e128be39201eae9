export { type AppConfig, APP_CONFIG, ConfigError, loadConfig } from './app-config';
export { ConfigModule } from './config.module';
