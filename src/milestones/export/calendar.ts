import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { isIsoDay } from '../../common/iso-day';

export interface CalendarMilestone {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  done: boolean;
  title: string;
  description?: string;
  /** Must be an absolute URL: ics rejects anything else. */
  url?: string;
}

export interface CalendarInput {
  calendarName: string;
  milestones: CalendarMilestone[];
}

const PRODUCT_ID = '-//vaultgraph//milestones//EN';

/**
 * An iCalendar (RFC 5545) document with one all-day event per milestone. The UID is derived from the milestone id
 * alone, so re-exporting updates the same events in a subscribed calendar instead of duplicating them.
 * Throws RangeError on a malformed date and Error with ics's message when ics rejects the input (e.g. a bad url).
 */
export function milestonesToIcs(input: CalendarInput): string {
  const events = input.milestones.map(toEvent);
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, calName: escapeHeaderText(input.calendarName) });
  if (error) {
    throw new Error(`cannot build calendar: ${error.message}`);
  }
  if (value === undefined) {
    throw new Error('cannot build calendar: ics returned nothing');
  }
  return value;
}

/** Stable, collision-free UID: percent-encoding is injective and leaves no '@', ',' or ';' in the local part. */
export function milestoneUid(id: string): string {
  return `${encodeURIComponent(id)}@vaultgraph`;
}

function toEvent(m: CalendarMilestone): EventAttributes {
  const start = DateTime.fromISO(m.date, { zone: 'UTC' });
  if (!isIsoDay(m.date)) {
    throw new RangeError(`date of ${m.id} is not a YYYY-MM-DD date: ${JSON.stringify(m.date)}`);
  }
  const event: EventAttributes = {
    uid: milestoneUid(m.id),
    title: m.title,
    // All-day: date-only arrays become DTSTART;VALUE=DATE, and DTEND is exclusive, so it is the next day.
    // (ics writes `duration: { days: 1 }` as "P1DT", which is not valid RFC 5545, hence an explicit end.)
    start: dayArray(start),
    end: dayArray(start.plus({ days: 1 })),
    status: 'CONFIRMED',
    categories: [m.done ? 'done' : 'todo'],
  };
  if (m.description !== undefined && m.description !== '') {
    event.description = m.description;
  }
  if (m.url !== undefined && m.url !== '') {
    event.url = m.url;
  }
  return event;
}

function dayArray(day: DateTime): DateArray {
  return [day.year, day.month, day.day];
}

/** ics escapes newlines in X-WR-CALNAME but, unlike SUMMARY, not backslashes, commas or semicolons (RFC 5545 TEXT). */
function escapeHeaderText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`);
}
