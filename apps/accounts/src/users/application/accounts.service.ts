import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  AccountEvents,
  Topics,
  type LoginResult,
  type MeView,
  type UserRegisteredV1,
  type UserView,
} from '@shop/contracts';
import { AccountsConfig } from '../../config/accounts.config';
import { SigningKeysService } from '../../tokens/application/signing-keys.service';
import { AccountException } from '../domain/account.exception';
import { normalizeEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { UnitOfWork } from './unit-of-work';
import { UsersRepository, type UserRecord } from './users.repository';

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly keys: SigningKeysService,
    private readonly config: AccountsConfig,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Seeds the admin account from ADMIN_EMAIL / ADMIN_PASSWORD (safe when replicas race). An
   * account that already holds that email is promoted only if ADMIN_PASSWORD opens it: whoever
   * signed up first with the admin's email must not become admin. Otherwise it stays as it is,
   * the reason is logged (no secrets), and the service starts anyway.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    const email = normalizeEmail(ADMIN_EMAIL);
    let existing = await this.users.findByEmail(email);
    if (!existing) {
      const passwordHash = await this.passwords.hash(ADMIN_PASSWORD);
      const created = await this.users.insert({
        email,
        name: 'Administrator',
        passwordHash,
        roles: ['admin'],
      });
      if (created) {
        this.logger.log(`admin account created: ${email}`);
        return;
      }
      // Taken in the meantime (another replica seeding, or a signup): judge that account.
      existing = await this.users.findByEmail(email);
      if (!existing) {
        this.logger.error(`admin account ${email} could not be created: not seeded`);
        return;
      }
    }
    if (existing.roles.includes('admin')) {
      this.logger.log(`admin account ready: ${email}`);
      return;
    }
    if (!(await this.passwords.verify(existing.passwordHash, ADMIN_PASSWORD))) {
      this.logger.error(
        `ADMIN_EMAIL ${email} belongs to an existing account that ADMIN_PASSWORD does not open: ` +
          'it has not been promoted to admin and no admin account is seeded. Give ADMIN_EMAIL ' +
          "an address nobody else holds, or set ADMIN_PASSWORD to that account's password.",
      );
      return;
    }
    await this.users.grantRole(email, 'admin');
    this.logger.log(`existing account promoted to admin (ADMIN_PASSWORD opens it): ${email}`);
  }

  async signup(input: { email: string; password: string; name: string }): Promise<UserView> {
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.unitOfWork.run(async (tx, emit) => {
      const created = await this.users.insert(
        { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash, roles: [] },
        tx,
      );
      if (created) {
        const payload: UserRegisteredV1 = { userId: created.id };
        await emit({
          topic: Topics.accountsUsers,
          key: created.id,
          type: AccountEvents.registered,
          version: 1,
          correlationId: created.id,
          payload,
        });
      }
      return created;
    });
    if (!user) throw AccountException.emailTaken();
    return toUserView(user);
  }

  async login(input: { email: string; password: string }): Promise<LoginResult> {
    const user = await this.users.findByEmail(normalizeEmail(input.email));
    if (!(await this.passwords.verify(user?.passwordHash, input.password)) || !user) {
      throw AccountException.invalidCredentials();
    }
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.keys.sign(
      { sub: user.id, email: user.email, roles: user.roles },
      ttl,
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.users.findById(userId);
    if (!user) throw AccountException.notFound();
    return { id: user.id, email: user.email, name: user.name, roles: user.roles };
  }
}

function toUserView(user: UserRecord): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt.toISOString(),
  };
}
