import { AccountErrorCode } from '../domain/account.exception';
import { ACCOUNT_ERROR_STATUS } from './account-errors.filter';

describe('ACCOUNT_ERROR_STATUS', () => {
  it.each([
    [AccountErrorCode.EmailTaken, 409],
    [AccountErrorCode.InvalidCredentials, 401],
    [AccountErrorCode.NotFound, 404],
  ])('answers %s with %i (api.md)', (code, status) => {
    expect(ACCOUNT_ERROR_STATUS[code]).toBe(status);
  });
});
