import { authorize } from './card-processor';

describe('simulated card processor', () => {
  it('authorizes 4242424242424242 and other valid cards', () => {
    expect(authorize('4242')).toEqual({ status: 'AUTHORIZED' });
    expect(authorize('4444')).toEqual({ status: 'AUTHORIZED' });
  });

  it('declines 4000000000000002 and 4000000000009995 (insufficient funds)', () => {
    expect(authorize('0002')).toEqual({ status: 'DECLINED', reason: 'CARD_DECLINED' });
    expect(authorize('9995')).toEqual({ status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' });
  });
});
