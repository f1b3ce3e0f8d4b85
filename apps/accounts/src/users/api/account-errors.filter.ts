import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { HttpErrorFilter } from '@shop/platform/errors';
import { AccountErrorCode, AccountException } from '../domain/account.exception';

/** The HTTP status the API answers each accounts error with (api.md, "Errors"). */
export const ACCOUNT_ERROR_STATUS: Readonly<Record<AccountErrorCode, HttpStatus>> = {
  [AccountErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [AccountErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AccountErrorCode.NotFound]: HttpStatus.NOT_FOUND,
};

/** Accounts' domain errors at the REST edge: the contract's error body with the code's status. */
@Catch(AccountException)
export class AccountErrorsFilter extends HttpErrorFilter {
  override catch(error: AccountException, host: ArgumentsHost): void {
    const status = ACCOUNT_ERROR_STATUS[error.code];
    super.catch(new HttpException({ message: error.message, code: error.code }, status), host);
  }
}
