import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { LiveChangesRepository } from './live-changes.repository';
import { LiveEventsService } from './live-events.service';
import { WebController } from './web.controller';

/** The web app at `/` (pages, built files) and its live stream at `/events`. */
@Module({ imports: [SyncModule], controllers: [WebController], providers: [LiveChangesRepository, LiveEventsService] })
export class WebModule {}
