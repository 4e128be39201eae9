export {
  PiiCipher,
  piiKeysFrom,
  maskTail,
  maskEmail,
  type Sealed,
  type PiiKeys,
} from './pii-cipher';
export { PrivacyModule } from './privacy.module';
