import type { PaymentStatus, PaymentView } from '@shop/contracts';
import type { Transaction } from '../../database/transaction';

/** The port to payments and their ledger (persistence/postgres-payments.repository.ts). */
export abstract class PaymentsRepository {
  /** Records the processor's answer; null when this order already has a payment. */
  abstract insertOnce(
    tx: Transaction,
    payment: {
      id: string;
      orderId: string;
      userId: string;
      amountCents: number;
      currency: string;
      status: PaymentStatus;
      declineReason: string | null;
      cardLast4: string;
    },
  ): Promise<PaymentView | null>;

  /** AUTHORIZED → REFUNDED once, with its ledger entry; null when there was nothing to refund. */
  abstract refund(tx: Transaction, orderId: string): Promise<PaymentView | null>;

  abstract listOwn(userId: string, orderId?: string): Promise<PaymentView[]>;
}
