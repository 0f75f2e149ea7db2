import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { isIsoDay } from '../common/iso-day';
import { MilestoneExportService } from './milestone-export.service';

/** `GET /progress/<note id or fname>.svg[?asOf=YYYY-MM-DD]`: the burndown chart of a note's plan. */
@Controller('progress')
export class BurndownController {
  constructor(private readonly exports: MilestoneExportService) {}

  @Get(':note.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Header('cache-control', 'no-cache')
  burndown(@Param('note') note: string, @Query('asOf') asOf?: unknown): Promise<string> {
    if (asOf !== undefined && !isIsoDay(asOf)) {
      throw new DomainError(ErrorCode.BadInput, `asOf must be a YYYY-MM-DD date, got ${quoteInput(asOf)}`);
    }
    return this.exports.burndown(note, asOf);
  }
}
