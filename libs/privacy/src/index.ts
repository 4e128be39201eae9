export { PiiCipher, piiKeysFrom, maskTail, maskEmail, type Sealed } from './pii-cipher';
export { PrivacyModule } from './privacy.module';
