import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  applyDecorators,
  UseGuards,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@shop/contracts';
import { AuthException } from './auth.exception';
import type { AuthenticatedUser } from './authenticated-user';
import { TokenVerifier } from './token-verifier';

const ROLES_KEY = 'shop:roles';
type RequestWithUser = FastifyRequest & { user?: AuthenticatedUser };

/** Reads `Authorization: Bearer <token>`; undefined when absent. Malformed headers are invalid. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(value.trim());
  if (!match) throw AuthException.invalid();
  return match[1];
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw AuthException.missing();
    const user = await this.verifier.verify(token);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    for (const role of required ?? []) {
      if (!user.roles.includes(role)) throw AuthException.forbidden(role);
    }
    request.user = user;
    return true;
  }
}

/** The route needs a valid access token (401 otherwise), and every role listed (403 otherwise). */
export function Authenticated(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(AuthGuard), ApiBearerAuth());
}

/** The verified caller of an `@Authenticated()` route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<RequestWithUser>().user;
    if (!user) throw AuthException.missing();
    return user;
  },
);
