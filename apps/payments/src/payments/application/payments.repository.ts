import type { PaymentStatus, PaymentView } from '@shop/contracts';
import type { Transaction } from '@shop/platform/persistence';

/** The processor's answer for one order, to record. */
export interface NewPayment {
  readonly id: string;
  readonly orderId: string;
  readonly userId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly declineReason: string | null;
  readonly cardLast4: string;
}

/** The port to payments and their ledger (persistence/postgres-payments.repository.ts). */
export abstract class PaymentsRepository {
  /** Records the processor's answer; null when this order already has a payment. */
  abstract insertOnce(tx: Transaction, payment: NewPayment): Promise<PaymentView | null>;

  /** AUTHORIZED → REFUNDED once, with its ledger entry; null when there was nothing to refund. */
  abstract refund(tx: Transaction, orderId: string): Promise<PaymentView | null>;

  abstract listOwn(userId: string, orderId?: string): Promise<PaymentView[]>;
}
