import { Module } from '@nestjs/common';
import { CoreModule } from '../core.module';
import { MilestonesModule } from '../milestones/milestones.module';

/** CLI root module for the plan commands (progress, calendar and burndown exports). */
@Module({ imports: [CoreModule, MilestonesModule] })
export class CliPlanModule {}
