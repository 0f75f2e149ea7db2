import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { MilestoneExportService } from './milestone-export.service';

/** `GET /progress/<note id or fname>.svg[?asOf=YYYY-MM-DD]`: the burndown chart of a note's plan. */
@Controller('progress')
export class BurndownController {
  constructor(private readonly exports: MilestoneExportService) {}

  @Get(':note.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Header('cache-control', 'no-cache')
  burndown(@Param('note') note: string, @Query('asOf') asOf?: string): Promise<string> {
    return this.exports.burndown({ id: note, fname: note }, asOf);
  }
}
