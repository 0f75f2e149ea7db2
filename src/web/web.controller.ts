import { Controller, Get, type MessageEvent, NotFoundException, Param, Res, Sse } from '@nestjs/common';
import type { Response } from 'express';
import path from 'node:path';
import { map, type Observable } from 'rxjs';
import { LiveEventsService } from './live-events.service';
import { WEB_ROOT, webAsset } from './web-assets';

/** The web app's pages, one HTML shell for every page URL (the script routes), and its built files. */
@Controller()
export class WebController {
  constructor(private readonly live: LiveEventsService) {}

  @Get(['/', 'notes/:fname', 'concepts/:key', 'graph', 'search', 'health'])
  page(@Res() res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-cache');
    return this.send(res, path.join(WEB_ROOT, 'index.html'), 'text/html; charset=utf-8', 'the web app is not built; run `npm run build`');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const asset = webAsset(file);
    if (!asset) {
      throw new NotFoundException(`no web asset named ${file.slice(0, 80)}`);
    }
    // Chunks are named by their content hash; main.js and main.css keep their names and are revalidated.
    res.setHeader('cache-control', /^main\./.test(file) ? 'no-cache' : 'public, max-age=31536000, immutable');
    return this.send(res, asset.file, asset.contentType, `web asset ${file} unavailable`);
  }

  /** Server-sent events: `sync` with `{ runId, changedNoteIds }` after each committed sync (any process). */
  @Sse('events')
  events(): Observable<MessageEvent> {
    return this.live.changes$().pipe(map((change) => ({ type: 'sync', data: change })));
  }

  /** A failure is thrown, for HttpErrorFilter to answer as every HTTP route does (error-policy.ts). */
  private send(res: Response, file: string, contentType: string, missing: string): Promise<void> {
    res.setHeader('content-type', contentType);
    return new Promise((resolve, reject) => {
      res.sendFile(file, (err?: Error) => (err ? reject(new NotFoundException(missing)) : resolve()));
    });
  }
}
