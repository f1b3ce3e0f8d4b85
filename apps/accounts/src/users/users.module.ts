import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { AccountsController } from './api/accounts.controller';
import { AccountsService } from './application/accounts.service';
import { PasswordHasher } from './application/password-hasher';
import { UnitOfWork } from './application/unit-of-work';
import { UsersRepository } from './application/users.repository';
import { OutboxUnitOfWork } from './persistence/outbox-unit-of-work';
import { PostgresUsersRepository } from './persistence/postgres-users.repository';

@Module({
  imports: [TokensModule],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    PasswordHasher,
    { provide: UsersRepository, useClass: PostgresUsersRepository },
    { provide: UnitOfWork, useClass: OutboxUnitOfWork },
  ],
})
export class UsersModule {}
