import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ConsumerHealthIndicator, KafkaHealthIndicator } from '@shop/platform/messaging';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
export interface HealthOptions {
  /** Ready needs the service's own database. */
  readonly database: boolean;
  /** Ready needs Kafka (and the service's consumer, if it has one, in its group). */
  readonly kafka: boolean;
}

/**
 * `GET /health/live` (process up) and `GET /health/ready` (its database and Kafka reachable, and
 * its consumer a member of its group, or not out of it for long).
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Optional() private readonly database?: TypeOrmHealthIndicator,
    @Optional() private readonly kafka?: KafkaHealthIndicator,
    @Optional() private readonly consumer?: ConsumerHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [];
    if (this.options.database && this.database) {
      const database = this.database;
      checks.push(() => database.pingCheck('database').withTimeout(1_500));
    }
    if (this.options.kafka && this.kafka) {
      const kafka = this.kafka;
      checks.push(() => kafka.isHealthy('kafka'));
    }
    if (this.options.kafka && this.consumer?.applies) {
      const consumer = this.consumer;
      checks.push(() => consumer.isHealthy('consumer'));
    }
    return this.health.check(checks);
  }
}
