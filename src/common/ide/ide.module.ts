import { Module } from '@nestjs/common';
import { IdeController } from './ide.controller';

/** Static assets for the offline GraphiQL landing page (see ide-landing-page.plugin.ts). */
@Module({ controllers: [IdeController] })
export class IdeModule {}
