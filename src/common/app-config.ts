import { DEFAULT_DATABASE_URL, databaseFile } from './database-url';

/** Everything configurable, read once from the environment (see README "Configuration"). */
export class AppConfig {
  readonly databaseUrl: string;
  readonly databaseFile: string;
  readonly vaultPath: string;
  readonly host: string;
  readonly port: number;
  readonly timeZone: string;
  /** When set, mutations need `Authorization: Bearer <token>`. */
  readonly apiToken: string | null;
  readonly maxFileBytes: number;
  /** Whether the API's loaders share rows between requests until the next commit (common/read-cache.ts). */
  readonly readCache: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
    this.databaseFile = databaseFile(this.databaseUrl);
    this.vaultPath = env.VAULT_PATH || 'seeds';
    this.host = env.HOST || '127.0.0.1';
    this.port = Number(env.PORT || 3000);
    this.timeZone = env.VAULTGRAPH_TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.apiToken = env.VAULTGRAPH_TOKEN || null;
    this.maxFileBytes = Number(env.VAULTGRAPH_MAX_FILE_BYTES || 5 * 1024 * 1024);
    this.readCache = onOff('VAULTGRAPH_READ_CACHE', env.VAULTGRAPH_READ_CACHE, true);
    if (!Number.isInteger(this.port) || this.port < 0 || this.port > 65535) {
      throw new Error(`PORT must be a port number, got ${env.PORT}`);
    }
  }
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') {
    return fallback;
  }
  if (['on', 'true', '1', 'yes'].includes(v)) {
    return true;
  }
  if (['off', 'false', '0', 'no'].includes(v)) {
    return false;
  }
  throw new Error(`${name} must be on or off, got ${value}`);
}
