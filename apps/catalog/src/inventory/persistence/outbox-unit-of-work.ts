import { Injectable } from '@nestjs/common';
import { OutboxService, type Emit } from '@shop/platform/messaging';
import { asTransaction, type Transaction } from '@shop/platform/persistence';
import { UnitOfWork } from '../application/unit-of-work';

@Injectable()
export class OutboxUnitOfWork implements UnitOfWork {
  constructor(private readonly outbox: OutboxService) {}

  run<T>(work: (tx: Transaction, emit: Emit) => Promise<T>): Promise<T> {
    return this.outbox.transaction((manager, emit) => work(asTransaction(manager), emit));
  }
}
