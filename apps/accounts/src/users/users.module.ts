import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { AccountsController } from './api/accounts.controller';
import { AccountsService } from './application/accounts.service';
import { PasswordHasher } from './application/password-hasher';
import { UsersRepository } from './persistence/users.repository';

@Module({
  imports: [TokensModule],
  controllers: [AccountsController],
  providers: [AccountsService, PasswordHasher, UsersRepository],
})
export class UsersModule {}
