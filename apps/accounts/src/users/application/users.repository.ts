import type { Role } from '@shop/contracts';
import type { Transaction } from '@shop/platform/persistence';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly roles: Role[];
  readonly createdAt: Date;
}

/** The port to the users table (persistence/postgres-users.repository.ts). */
export abstract class UsersRepository {
  /** Inserts the user (in `tx` when given); null when the email is taken. */
  abstract insert(
    user: { email: string; name: string; passwordHash: string; roles: Role[] },
    tx?: Transaction,
  ): Promise<UserRecord | null>;

  abstract findByEmail(email: string): Promise<UserRecord | null>;

  abstract findById(id: string): Promise<UserRecord | null>;

  abstract grantRole(email: string, role: Role): Promise<void>;
}
