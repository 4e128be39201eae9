/* eslint-disable no-console */
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import { createLogger, PinoLoggerService } from '../ops/logging';
import { stopTracing } from '../ops/tracing';

/**
 * Loads the configuration or ends the process with its one-line explanation; from then on Nest's
 * loggers write JSON lines through pino.
 */
export function loadConfigOrExit(service: string): AppConfig {
  try {
    const config = loadConfig();
    Logger.overrideLogger(new PinoLoggerService(createLogger(config, service)));
    const logger = new Logger('Config');
    if (config.developmentSecrets.length > 0) {
      logger.warn(
        `${config.developmentSecrets.join(', ')} not set: using random ones kept in ${config.dataDir}/secrets.json (NODE_ENV=production requires them)`,
      );
    }
    if (config.isProduction && config.payments.provider === 'demo') {
      logger.warn(
        'PAYMENT_PROVIDER=demo in production: travellers confirm their own bookings without paying (a demo stack only)',
      );
    }
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Runs `close` once on SIGINT/SIGTERM, then exports the spans still buffered and exits; a second
 * signal exits at once.
 */
export function onShutdownSignal(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      logger.log(`${signal} received: finishing in-flight work and shutting down`);
      close()
        .then(() => stopTracing())
        .then(() => process.exit(0))
        .catch((error) => {
          logger.error(`shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        });
    });
  }
}
