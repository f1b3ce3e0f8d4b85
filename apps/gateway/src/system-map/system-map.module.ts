import { Module } from '@nestjs/common';
import { ProxyModule } from '../proxy/proxy.module';
import { SystemMapController } from './api/system-map.controller';
import { SystemMapAccessGuard } from './api/system-map-access.guard';
import { SystemMapService } from './application/system-map.service';

/** `GET /api/system` and `/api/system/events`: the live map of the system (docs/api.md). */
@Module({
  imports: [ProxyModule],
  controllers: [SystemMapController],
  providers: [SystemMapService, SystemMapAccessGuard],
})
export class SystemMapModule {}
