import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SystemHealth } from '@shop/contracts';
import { SystemHealthService } from './system-health.service';

@ApiTags('health')
@Controller('api/health')
export class SystemHealthController {
  constructor(private readonly health: SystemHealthService) {}

  @Get()
  @ApiOkResponse({ description: '`ok` when every service is ready, else `degraded`' })
  check(): Promise<SystemHealth> {
    return this.health.check();
  }
}
