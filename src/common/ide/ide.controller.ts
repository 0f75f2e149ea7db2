import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ideAsset } from './ide-assets';

/** Serves the GraphiQL/React bundles the landing page loads, so the IDE works offline. */
@Controller('ide')
export class IdeController {
  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = ideAsset(file);
    if (!asset) {
      throw new NotFoundException(`No IDE asset named ${file}`);
    }
    res.setHeader('content-type', asset.contentType);
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(asset.file, (err?: Error) => {
      if (err && !res.headersSent) {
        res.status(404).json({ statusCode: 404, message: `IDE asset ${file} unavailable` });
      }
    });
  }
}
