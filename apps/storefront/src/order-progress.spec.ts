import type { OrderView } from '@shop/contracts';
import { orderProgress } from './order-progress';

const order = (patch: Partial<OrderView>): OrderView => ({
  id: 'o',
  userId: 'u',
  status: 'PENDING',
  items: [],
  totalCents: null,
  currency: 'USD',
  cancelReason: null,
  createdAt: '',
  updatedAt: '',
  ...patch,
});

const states = (o: OrderView, p: Parameters<typeof orderProgress>[1] = 'unknown') =>
  orderProgress(o, p).steps.map((s) => s.state);

describe('order progress', () => {
  it('walks a pending order through stock and payment', () => {
    expect(states(order({}))).toEqual(['done', 'current', 'todo', 'todo']);
    expect(states(order({ totalCents: 100 }))).toEqual(['done', 'done', 'current', 'todo']);
    expect(states(order({ totalCents: 100 }), 'AUTHORIZED')).toEqual([
      'done',
      'done',
      'done',
      'todo',
    ]);
  });

  it('says it waits for the payment service while payments is down', () => {
    const progress = orderProgress(order({ totalCents: 100 }), 'service-unavailable');
    expect(progress.waitingFor).toMatch(/^Waiting for the payment service/);
    expect(orderProgress(order({}), 'none-yet').waitingFor).toBeUndefined();
  });

  it('marks the step that failed a cancelled order, with the reason in words', () => {
    const declined = order({
      status: 'CANCELLED',
      totalCents: 100,
      cancelReason: 'PAYMENT_DECLINED',
    });
    expect(states(declined)).toEqual(['done', 'done', 'failed', 'failed']);
    expect(orderProgress(declined, 'DECLINED').summary).toMatch(/declined/);
    const soldOut = order({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect(states(soldOut)).toEqual(['done', 'failed', 'todo', 'failed']);
  });

  it('shows a confirmed order complete', () => {
    expect(states(order({ status: 'CONFIRMED', totalCents: 5 }))).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
  });
});
