import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Role, signPlatformToken } from '@app/auth';
import { CLOCK, Clock } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * DEMO sign-in, outside production only: mints a short-lived platform token for one of two fixed
 * demo accounts, so that the web client can be tried after `npm start` without the platform's
 * auth service. AppModule registers this controller only when NODE_ENV is not `production` and
 * an HS256 secret is configured; in production nothing in the service mints user tokens.
 */

const DEMO_ROLES = ['user', 'admin'] as const;
type DemoRole = (typeof DEMO_ROLES)[number];

/** How long a demo token lasts. */
const DEMO_TOKEN_TTL_SECONDS = 3600;

const NOT_IN_PRODUCTION =
  '**Development only.** This operation does not exist when `NODE_ENV=production` (the route ' +
  'is not registered: 404 `route.not_found`); there the platform’s auth service issues tokens.';

export class DemoAccountResponse {
  @ApiProperty({ enum: DEMO_ROLES }) role: DemoRole;
  @ApiProperty({ format: 'uuid', description: 'The account’s user id (the token’s `sub`)' })
  id: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) name: string;
  @ApiProperty({ example: 'demo.user@vexe.example' }) email: string;
}

export class DemoAccountsResponse {
  @ApiProperty({ type: [DemoAccountResponse] }) accounts: DemoAccountResponse[];
}

export class DevSignInRequest {
  @ApiProperty({ enum: DEMO_ROLES, description: 'Which demo account to sign in as' })
  @IsIn(DEMO_ROLES, { message: `role must be one of ${DEMO_ROLES.join(', ')}` })
  role: DemoRole;
}

export class DevSignInResponse {
  @ApiProperty({ description: 'A platform bearer token (HS256, AUTH_JWT_SECRET)' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: DemoAccountResponse }) account: DemoAccountResponse;
  @ApiProperty({ enum: ['user', 'admin'], isArray: true }) roles: Role[];
}

/** Fixed ids, so that a demo account finds its bookings again after signing in anew. */
export const DEMO_ACCOUNTS: Readonly<Record<DemoRole, DemoAccountResponse>> = {
  user: {
    role: 'user',
    id: '5b0e2c4a-9d1f-4c3e-8a6b-7f2d1e0c9b01',
    name: 'Nguyễn Văn An',
    email: 'demo.user@vexe.example',
  },
  admin: {
    role: 'admin',
    id: '5b0e2c4a-9d1f-4c3e-8a6b-7f2d1e0c9b02',
    name: 'Trần Thị Bích',
    email: 'demo.admin@vexe.example',
  },
};

/** Whether the demo sign-in may exist with this configuration. */
export const demoSignInEnabled = (config: AppConfig): boolean =>
  !config.isProduction && config.auth.jwtSecret !== undefined;

@ApiTags('Identity')
@Controller('dev')
export class DevSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('accounts')
  @ApiOperation({
    summary: 'DEMO: the demo accounts (development only)',
    description: NOT_IN_PRODUCTION,
  })
  @ApiOkResponse({ type: DemoAccountsResponse })
  listDemoAccounts(): DemoAccountsResponse {
    return { accounts: DEMO_ROLES.map((role) => DEMO_ACCOUNTS[role]) };
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'DEMO: sign in as the demo user or admin (development only)',
    description: `${NOT_IN_PRODUCTION} Mints a platform token valid for ${DEMO_TOKEN_TTL_SECONDS / 60} minutes.`,
  })
  @ApiOkResponse({ type: DevSignInResponse })
  async devSignIn(@Body() body: DevSignInRequest): Promise<DevSignInResponse> {
    const account = DEMO_ACCOUNTS[body.role];
    const roles: Role[] = body.role === 'admin' ? ['user', 'admin'] : ['user'];
    const secret = this.config.auth.jwtSecret;
    if (secret === undefined || this.config.isProduction) {
      // Unreachable: AppModule does not register this controller then.
      throw new Error('the demo sign-in is not available with this configuration');
    }
    const token = await signPlatformToken({
      secret,
      sub: account.id,
      roles,
      email: account.email,
      name: account.name,
      expiresInSeconds: DEMO_TOKEN_TTL_SECONDS,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
    });
    const expiresAt = new Date(
      this.clock.now().getTime() + DEMO_TOKEN_TTL_SECONDS * 1000,
    ).toISOString();
    return { token, expiresAt, account, roles };
  }
}
