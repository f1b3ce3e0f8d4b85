import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthException, TokenVerifier, bearerToken } from '@shop/platform/auth';
import { GatewayConfig } from '../../config/gateway.config';

/**
 * The system map shows the system's inside (addresses, hostnames, lag): admins only (401
 * without a token, 403 without the admin role), unless SYSTEM_MAP_PUBLIC (local use).
 */
@Injectable()
export class SystemMapAccessGuard implements CanActivate {
  constructor(
    private readonly config: GatewayConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.SYSTEM_MAP_PUBLIC) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    const token = bearerToken(request.headers['authorization']);
    if (!token) throw AuthException.missing();
    const user = await this.verifier.verify(token);
    if (!user.roles.includes('admin')) throw AuthException.forbidden('admin');
    return true;
  }
}
