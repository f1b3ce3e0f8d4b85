import { AppException } from '@shop/platform/errors';

export enum AccountErrorCode {
  EmailTaken = 'EMAIL_TAKEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  NotFound = 'ACCOUNT_NOT_FOUND',
}

export class AccountException extends AppException<AccountErrorCode> {
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

  httpStatus(): number {
    switch (this.code) {
      case AccountErrorCode.EmailTaken:
        return 409;
      case AccountErrorCode.InvalidCredentials:
        return 401;
      case AccountErrorCode.NotFound:
        return 404;
      default: {
        const unreachable: never = this.code;
        return unreachable;
      }
    }
  }
}
