import { Controller, Get, Res, UseGuards, type OnApplicationShutdown } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openEventStream, sseComment, sseEvent } from '@shop/platform/service-kit';
import type { SystemSnapshot } from '@shop/contracts';
import { SystemMapService } from '../application/system-map.service';
import { SystemMapAccessGuard } from './system-map-access.guard';

/** How often `/api/system/events` sends a snapshot. */
const EVERY_MS = 1_000;

@ApiTags('system')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid token, and the map is not public' })
@ApiForbiddenResponse({ description: 'Not an admin, and the map is not public' })
@Controller('api/system')
@UseGuards(SystemMapAccessGuard)
export class SystemMapController implements OnApplicationShutdown {
  /** Open streams, ended on shutdown so that it does not wait for their clients. */
  private readonly open = new Set<() => void>();

  constructor(private readonly map: SystemMapService) {}

  @Get()
  @ApiOkResponse({
    description:
      'Every service with its replicas (`service/hostname`), health, circuit state, requests/s ' +
      'and p95, consumer lag per group, outbox backlog; Kafka and Postgres state',
  })
  snapshot(): Promise<SystemSnapshot> {
    return this.map.snapshot();
  }

  @Get('events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: one `snapshot` event a second' })
  async events(@Res() reply: FastifyReply): Promise<void> {
    const raw = openEventStream(reply);
    let closed = false;
    // One snapshot at a time per stream: a tick while the last one is still being gathered is
    // skipped, so a slow round sends one late snapshot, not a burst of copies of it.
    let sending = false;
    // and never the same snapshot twice
    let last: string | undefined;
    const send = async () => {
      if (closed || sending) return;
      sending = true;
      try {
        const snapshot = await this.map.snapshot(last);
        last = snapshot.at;
        if (!closed) raw.write(sseEvent('snapshot', snapshot));
      } catch {
        if (!closed) raw.write(sseComment('snapshot unavailable'));
      } finally {
        sending = false;
      }
    };
    const timer = setInterval(() => void send(), EVERY_MS);
    const close = () => {
      closed = true;
      clearInterval(timer);
      this.open.delete(close);
      if (!raw.writableEnded) raw.end();
    };
    raw.on('close', close);
    this.open.add(close);
    await send();
  }

  onApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }
}
