import { Module } from '@nestjs/common';
import { ConfigModule } from './common/config.module';
import { PrismaModule } from './prisma/prisma.module';

/** What both entry points share: configuration and the database. */
@Module({ imports: [ConfigModule, PrismaModule], exports: [ConfigModule, PrismaModule] })
export class CoreModule {}
