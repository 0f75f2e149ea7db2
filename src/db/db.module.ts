import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { SqliteReader } from './sqlite-reader';

/**
 * The API's connections to the database: Prisma (schema, migrations' client, the less hot queries) and SqliteReader
 * (the loaders' prepared statements). The sync's writer connection is opened by `openSqlite` (sqlite.ts) on the
 * sync's own thread; migrations by migrate.ts. Each table's column lists live in tables.ts.
 */
@Global()
@Module({ providers: [PrismaService, SqliteReader], exports: [PrismaService, SqliteReader] })
export class DbModule {}
