import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, Role, TokenVerifier } from '@app/auth';
import { DomainError } from '@app/errors';
import { Problems } from './problems';

const AUTH_METADATA = 'auth:roles';
const OWN_BEARER = 'auth:own-bearer';

/** The route reads the bearer token itself (a static token, not a user's JWT). */
export const OwnBearerToken = () => SetMetadata(OWN_BEARER, true);

type RequestWithActor = FastifyRequest & { actor?: Actor };

/**
 * Requires a bearer token; with roles, the caller needs at least one of them.
 * Without a token → 401, with the wrong role → 403.
 */
export function Authenticated(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(AUTH_METADATA, roles),
    ApiBearerAuth(),
    Problems('auth.missing_token', ...(roles.length > 0 ? (['auth.forbidden'] as const) : [])),
  );
}

/** The verified caller, or undefined on public routes without a token. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<RequestWithActor>().actor,
);

/** Verifies any bearer token present, then enforces @Authenticated on the route. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.get<boolean | undefined>(OWN_BEARER, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) {
        throw new DomainError(
          'auth.invalid_token',
          'The Authorization header must be "Bearer <token>".',
        );
      }
      request.actor = await this.verifier.verify(match[1]);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(AUTH_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles === undefined) return true;
    if (!request.actor) {
      throw new DomainError('auth.missing_token', 'This endpoint needs a bearer token.');
    }
    if (roles.length > 0 && !roles.some((role) => request.actor!.roles.includes(role))) {
      throw new DomainError(
        'auth.forbidden',
        `This endpoint needs the ${roles.join(' or ')} role.`,
      );
    }
    return true;
  }
}
