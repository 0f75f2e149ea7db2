import { DateTime } from 'luxon';

/** A real calendar day written `YYYY-MM-DD` (`2025-02-30` is not one). */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}
