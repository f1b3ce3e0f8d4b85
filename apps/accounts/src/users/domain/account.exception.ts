import { DomainError } from '@shop/platform/errors';
export enum AccountErrorCode {
  EmailTaken = 'EMAIL_TAKEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  NotFound = 'ACCOUNT_NOT_FOUND',
}

/**
 * The accounts module's one exception type (style.md §3): a domain error with a code, no
 * transport in it. The API answers it by its code (api/account-errors.filter.ts).
 */
export class AccountException extends DomainError<AccountErrorCode> {
  static emailTaken(): AccountException {
    return new AccountException(AccountErrorCode.EmailTaken, 'email is already registered');
  }

  /** The same answer for an unknown email and a wrong password. */
  static invalidCredentials(): AccountException {
    return new AccountException(
      AccountErrorCode.InvalidCredentials,
      'email or password is incorrect',
    );
  }

  static notFound(): AccountException {
    return new AccountException(AccountErrorCode.NotFound, 'account not found');
  }
}
