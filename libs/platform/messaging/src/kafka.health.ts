import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka, type Admin } from 'kafkajs';

const CHECK_TIMEOUT_MS = 2_000;

/** Readiness of the Kafka connection: the cluster answers a metadata request within 2 s. */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'kafka') {
    const indicator = this.health.check(key);
    try {
      const brokers = await withTimeout(this.describe(), CHECK_TIMEOUT_MS);
      return indicator.up({ brokers });
    } catch (error) {
      await this.reset();
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }

  private async describe(): Promise<number> {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
    }
    const cluster = await this.admin.describeCluster();
    return cluster.brokers.length;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
