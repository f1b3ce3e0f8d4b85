import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventConsumer } from './event-consumer';

/**
 * Readiness of the service's consumer: a member of its group that keeps fetching, or out of it
 * (starting, rebalancing, restarting) for no longer than `consumerStallMs`. Its details (state,
 * partitions held, restarts, last poll) are in `/health/ready` either way.
 */
@Injectable()
export class ConsumerHealthIndicator {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly health: HealthIndicatorService,
  ) {}

  /** Whether there is a consumer to check (a service with no event handlers has none). */
  get applies(): boolean {
    return this.consumer.enabled;
  }

  isHealthy(key = 'consumer') {
    const indicator = this.health.check(key);
    const { ready, reason } = this.consumer.verdict();
    const s = this.consumer.snapshot();
    const details = {
      group: s.group,
      state: s.state,
      memberId: s.memberId,
      assignment: s.assignment,
      partitions: s.partitions,
      restarts: s.restarts,
      rebalances: s.rebalances,
      lastPollAgoMs: s.lastPollAgoMs,
      outOfGroupForMs: s.outOfGroupForMs,
    };
    return ready ? indicator.up(details) : indicator.down({ ...details, message: reason });
  }
}
