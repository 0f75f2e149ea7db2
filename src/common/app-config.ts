import { DEFAULT_DATABASE_URL, databaseFile } from '../db/database-url';

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
  /** `VAULTGRAPH_DEBUG=1`: error answers carry the original message and stack trace (never in normal use). */
  readonly debug: boolean;
  /** Host names served besides loopback's own when bound to loopback (DNS rebinding guard; README "Threat model"). */
  readonly allowedHosts: string[];
  /** Per-request time limit of the API, ms (0: none). */
  readonly requestTimeoutMs: number;
  /** Largest GraphQL answer sent, in bytes of JSON. */
  readonly maxResponseBytes: number;

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
    this.debug = onOff('VAULTGRAPH_DEBUG', env.VAULTGRAPH_DEBUG, false);
    this.allowedHosts = (env.VAULTGRAPH_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== '');
    this.requestTimeoutMs = wholeNumber('VAULTGRAPH_REQUEST_TIMEOUT_MS', env.VAULTGRAPH_REQUEST_TIMEOUT_MS, 10_000);
    this.maxResponseBytes = wholeNumber('VAULTGRAPH_MAX_RESPONSE_BYTES', env.VAULTGRAPH_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
    if (!Number.isInteger(this.port) || this.port < 0 || this.port > 65535) {
      throw new Error(`PORT must be a port number, got ${env.PORT}`);
    }
  }
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') {
    return fallback;
  }
  if (!/^\d+$/.test(value.trim())) {
    throw new Error(`${name} must be a whole number, got ${value}`);
  }
  return Number(value);
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
