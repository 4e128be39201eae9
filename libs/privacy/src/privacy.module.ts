import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PiiCipher, piiKeysFrom } from './pii-cipher';

@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new PiiCipher(piiKeysFrom(config.privacy.encryptionKeys, config.privacy.blindIndexKey)),
    },
  ],
  exports: [PiiCipher],
})
export class PrivacyModule {}
