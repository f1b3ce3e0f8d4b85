import { z } from 'zod';
import { defineEvent } from './event-contract';
import { uuid } from './order-values';
import { Topics } from './topics';

/** Accounts' events, on accounts.users.v1. */
export const AccountEvents = { registered: 'UserRegistered' } as const;

export const UserRegisteredV1 = defineEvent({
  type: AccountEvents.registered,
  version: 1,
  topic: Topics.accountsUsers,
  producer: 'accounts',
  consumers: [],
  summary: 'A user signed up (for the record: nobody consumes it yet).',
  payload: z.object({ userId: uuid }),
});
export type UserRegisteredV1 = z.infer<typeof UserRegisteredV1.payload>;
