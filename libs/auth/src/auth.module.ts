import { Global, Module } from '@nestjs/common';
import { GuestTokenIssuer } from './guest-token.issuer';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [TokenVerifier, GuestTokenIssuer],
  exports: [TokenVerifier, GuestTokenIssuer],
})
export class AuthModule {}
