/* eslint-disable no-console */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, Role, signPlatformToken } from '@app/auth';
import { ConfigError, loadConfig } from '@app/config';

/**
 * Prints a bearer token signed with AUTH_JWT_SECRET (or DATA_DIR's generated one), as the
 * platform's auth service would issue it. For local use:
 *   npm run token -- --role admin
 *   npm run token -- --role user --sub 6f1c... --email an@example.com --expires 86400
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: ['user'] },
      sub: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '3600' },
    },
  });
  const roles = values.role as string[];
  const unknown = roles.filter((r) => !ROLES.includes(r as Role) || r === 'guest');
  if (unknown.length) {
    throw new ConfigError(
      `unknown role ${unknown.join(', ')}; use user, admin or driver (guests: POST /guest/sessions)`,
    );
  }
  const config = loadConfig();
  if (!config.auth.jwtSecret)
    throw new ConfigError('AUTH_JWT_SECRET is not set (tokens from a JWKS cannot be minted here)');
  const token = await signPlatformToken({
    secret: config.auth.jwtSecret,
    sub: values.sub ?? randomUUID(),
    roles: roles as Role[],
    email: values.email,
    name: values.name,
    expiresInSeconds: Number(values.expires),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
