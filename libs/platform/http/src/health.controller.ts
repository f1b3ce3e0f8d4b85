import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@shop/platform/messaging';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
export interface HealthOptions {
  /** Ready needs the service's own database. */
  readonly database: boolean;
  /** Ready needs Kafka. */
  readonly kafka: boolean;
}

/** `GET /health/live` (process up) and `GET /health/ready` (its database and Kafka reachable). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Optional() private readonly database?: TypeOrmHealthIndicator,
    @Optional() private readonly kafka?: KafkaHealthIndicator,
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
      checks.push(() => database.pingCheck('database', { timeout: 1_500 }));
    }
    if (this.options.kafka && this.kafka) {
      const kafka = this.kafka;
      checks.push(() => kafka.isHealthy('kafka'));
    }
    return this.health.check(checks);
  }
}
