import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { AppConfig } from './app-config';
import { SqliteReader } from '../db/sqlite-reader';

/** Past this many entries a cache starts over, so memory stays bounded on any vault. */
const MAX_ENTRIES = 50_000;

/**
 * DataLoader caches shared by every request for as long as the database is unchanged. The vault only changes
 * through a sync (or a mutation's write, which syncs), and every such write is a commit on another connection than
 * the read one, so the read connection's `data_version` says exactly when cached rows may be stale: all caches
 * are dropped then. The version is checked on the first lookup of each synchronous run of lookups (one GraphQL
 * list's worth of loads), so a lookup never trusts the cache across an await, a sync or another request.
 *
 * Entries are DataLoader's own promises, stored before their statement runs: rows read before a commit were stored
 * before it too, and are dropped by the first check after it.
 */
@Injectable()
export class ReadCache {
  private version: number | null = null;
  private checked = false;
  private readonly maps: Map<unknown, unknown>[] = [];

  constructor(
    private readonly reader: SqliteReader,
    private readonly config: AppConfig,
  ) {}

  /**
   * A cacheMap to share between the DataLoaders of every request: `new DataLoader(batch, { cacheMap })`. With
   * VAULTGRAPH_READ_CACHE=off it is undefined, and each DataLoader keeps its own per-request cache.
   */
  cacheMap<K, V>(): DataLoader.CacheMap<K, Promise<V>> | undefined {
    if (!this.config.readCache) {
      return undefined;
    }
    const map = new Map<K, Promise<V>>();
    this.maps.push(map);
    return {
      get: (key) => {
        this.validate();
        return map.get(key);
      },
      set: (key, value) => {
        this.validate();
        if (map.size >= MAX_ENTRIES) {
          map.clear();
        }
        map.set(key, value);
      },
      delete: (key) => map.delete(key),
      clear: () => map.clear(),
    };
  }

  /**
   * Drop every shared row now. The in-process sync calls it after each run, so its own commits never rely on the
   * next check; commits by other processes are caught by the check.
   */
  invalidate(): void {
    for (const map of this.maps) {
      map.clear();
    }
  }

  private validate(): void {
    if (this.checked) {
      return;
    }
    this.checked = true;
    queueMicrotask(() => {
      this.checked = false;
    });
    const version = this.reader.dataVersion();
    if (version !== this.version) {
      this.version = version;
      for (const map of this.maps) {
        map.clear();
      }
    }
  }
}
