import { HttpStatus } from '@nestjs/common';
import { domainErrorFilter } from '@shop/platform/errors';
import { AccountErrorCode, AccountException } from '../domain/account.exception';

/** The HTTP status the API answers each accounts error with (api.md, "Errors"). */
export const ACCOUNT_ERROR_STATUS: Readonly<Record<AccountErrorCode, HttpStatus>> = {
  [AccountErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [AccountErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AccountErrorCode.NotFound]: HttpStatus.NOT_FOUND,
};

/** Accounts' domain errors at the REST edge: the contract's error body with the code's status. */
export const AccountErrorsFilter = domainErrorFilter(AccountException, ACCOUNT_ERROR_STATUS);
