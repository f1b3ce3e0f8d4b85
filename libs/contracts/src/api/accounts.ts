/** Accounts resources and token claims (docs/api.md, "Accounts"). */
export const ROLES = ['admin'] as const;
export type Role = (typeof ROLES)[number];

/** Issuer and audience every service checks on an access token. */
export const TOKEN_ISSUER = 'shop-accounts';
export const TOKEN_AUDIENCE = 'shop';
/** The only algorithm accepted; pinned so `alg: none` or HS256 tricks are refused. */
export const TOKEN_ALGORITHM = 'RS256';
/** Where accounts publishes its public keys (service path; via the gateway under /api/accounts). */
export const JWKS_PATH = '/.well-known/jwks.json';

export interface AccessTokenClaims {
  readonly sub: string;
  readonly email: string;
  readonly roles: Role[];
}

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface MeView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: Role[];
}

export interface LoginResult {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}
