import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { AppConfig } from '../common/app-config';
import { PrismaClient } from '../generated/prisma/client';

/** Prisma on the Rust-free client: the better-sqlite3 driver adapter, no engine binary. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(config: AppConfig) {
    super({ adapter: new PrismaBetterSQLite3({ url: config.databaseUrl, timeout: 5000 }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
