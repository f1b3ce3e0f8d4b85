import { Body, Controller, Get, HttpCode, Post, UseFilters } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { LoginResult, MeView, UserView } from '@shop/contracts';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@shop/platform/auth';
import { AccountsService } from '../application/accounts.service';
import { AccountErrorsFilter } from './account-errors.filter';
import { LoginResponse, MeResponse, UserResponse } from './dto/account.responses';
import { LoginRequest } from './dto/login.request';
import { SignupRequest } from './dto/signup.request';

@ApiTags('accounts')
@Controller()
@UseFilters(AccountErrorsFilter)
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('signup')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'email taken' })
  signup(@Body() body: SignupRequest): Promise<UserView> {
    return this.accounts.signup(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse()
  login(@Body() body: LoginRequest): Promise<LoginResult> {
    return this.accounts.login(body);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeView> {
    return this.accounts.me(user.id);
  }
}
