import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode } from './errors';

/** What every part of one HTTP request can know about it without having it passed down: its id and deadline. */
interface RequestScope {
  id: string;
  /** Epoch ms after which the request's work stops at the next check; Infinity when unbounded. */
  deadline: number;
  timeoutMs: number;
}

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Run `handle` (the rest of an HTTP request) in a scope of its own. Node carries the scope through every callback
 * and promise the request starts, so an error formatter or a repository deep below can read it.
 */
export function runInRequestScope<T>(timeoutMs: number, handle: (id: string) => T): T {
  const id = randomUUID();
  return scope.run({ id, deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Infinity, timeoutMs }, () => handle(id));
}

/** The current request's id (for logs and generic error answers); null outside a request (the CLI). */
export function currentRequestId(): string | null {
  return scope.getStore()?.id ?? null;
}

/**
 * The per-request time limit, checked where work is done in steps (each database statement of the API's reads, each
 * level of a graph search). Synchronous work between two checks is not interrupted: the cost model keeps those small.
 */
export function checkDeadline(): void {
  const current = scope.getStore();
  if (current !== undefined && Date.now() > current.deadline) {
    throw new DomainError(ErrorCode.Timeout, `the request ran longer than ${current.timeoutMs} ms and was stopped; ask for less`);
  }
}
