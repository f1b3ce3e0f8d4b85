import type { Role } from '@shop/contracts';

/** Who is calling, as proven by a verified access token. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly email: string;
  readonly roles: readonly Role[];
}
