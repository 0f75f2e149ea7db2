import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, batchQuery, gql, mutate } from '../api';
import { useLive } from '../live';
import { Section, Status, noteHref } from '../ui';
import { useQuery } from '../use-query';

interface MilestoneRow {
  id: string;
  date: string;
  done: boolean;
  overdue: boolean;
  label: string | null;
  target: string | null;
  section: { slug: string } | null;
}

interface Plan {
  asOf: string;
  total: number;
  done: number;
  percent: number;
  pace: number;
  projectedFinish: string | null;
  daysBehind: number;
  streak: number;
  overdue: NamedMilestone[];
  dueToday: NamedMilestone[];
  nextDue: NamedMilestone | null;
  note: { id: string; fname: string; title: string };
}

type NamedMilestone = Pick<MilestoneRow, 'id' | 'date' | 'label' | 'target'>;

interface AgendaDay {
  date: string;
  milestones: (MilestoneRow & { note: { fname: string; title: string } })[];
}

const MILESTONE = 'id date done overdue label target section { slug }';
const NAMED = 'id date label target';
// Each card's list of milestones is asked for when the card comes into view (milestonesOf): on a 10k vault with 313
// plans, the lists were 80% of a 675 KB answer and most of the time before the first card showed.
const PLANS = `query Plans {
  plans { asOf total done percent pace projectedFinish daysBehind streak
    overdue { ${NAMED} } dueToday { ${NAMED} } nextDue { ${NAMED} }
    note { id fname title } }
}`;
const AGENDA = `query Agenda($from: Date!, $to: Date!) {
  agenda(from: $from, to: $to) { date milestones { ${MILESTONE} note { fname title } } }
}`;
const SET_DONE = `mutation SetDone($id: String!, $done: Boolean!) { setMilestoneDone(id: $id, done: $done) { id done } }`;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Cards drawn at once; the others follow in chunks, a frame apart, so the first screenful shows without waiting. */
const FIRST_CARDS = 12;
const MORE_CARDS = 40;
/** Cards whose milestones one request asks for, at most. */
const MILESTONE_BATCH = 40;

let waiting: { noteId: string; resolve: (ms: MilestoneRow[]) => void; reject: (err: unknown) => void }[] = [];

/** The milestones of a note; the cards that ask within one tick share one request. */
function milestonesOf(noteId: string): Promise<MilestoneRow[]> {
  return new Promise((resolve, reject) => {
    if (waiting.length === 0) {
      setTimeout(() => {
        const batch = waiting;
        waiting = [];
        for (let i = 0; i < batch.length; i += MILESTONE_BATCH) {
          void askMilestones(batch.slice(i, i + MILESTONE_BATCH));
        }
      }, 0);
    }
    waiting.push({ noteId, resolve, reject });
  });
}

async function askMilestones(batch: typeof waiting): Promise<void> {
  const { query, variables } = batchQuery(
    'Milestones',
    batch.map((w) => w.noteId),
    (id) => `note(id: ${id}) { milestones { ${MILESTONE} } }`,
  );
  try {
    const data = await gql<Record<string, { milestones: MilestoneRow[] } | null>>(query, variables);
    batch.forEach((w, i) => w.resolve(data[`m${i}`]?.milestones ?? []));
  } catch (err) {
    batch.forEach((w) => w.reject(err));
  }
}

/** `chapter 4`, or the label, as the CLI writes a milestone. */
function milestoneName(m: NamedMilestone): string {
  if (m.target !== null && /^\d+$/.test(m.target)) {
    return `chapter ${m.target}`;
  }
  return m.target ?? m.label ?? m.date;
}

function names(ms: NamedMilestone[]): string {
  return ms.length === 0 ? 'none' : ms.map((m) => `${milestoneName(m)} (${m.date})`).join(', ');
}

export function DashboardPage() {
  const plans = useQuery<{ plans: Plan[] }>(PLANS, {});
  const today = plans.data?.plans[0]?.asOf ?? localToday();
  const agenda = useQuery<{ agenda: AgendaDay[] }>(AGENDA, { from: today, to: addDays(today, 6) });
  const [run, setRun] = useState(0);
  useLive((change) => setRun(change.runId ?? 0));
  const count = plans.data?.plans.length ?? 0;
  const [shown, setShown] = useState(FIRST_CARDS);
  useEffect(() => {
    if (shown >= count) {
      return undefined;
    }
    const timer = setTimeout(() => setShown((n) => n + MORE_CARDS), 0);
    return () => clearTimeout(timer);
  }, [shown, count]);
  return (
    <>
      <h1>Dashboard</h1>
      <Status loading={plans.loading} error={plans.error} empty={!plans.data} />
      {plans.data && plans.data.plans.length === 0 && (
        <p>No note has a plan yet: a checklist item with a date, e.g. `- [ ] 1/4(sat): 2`.</p>
      )}
      {plans.data?.plans.slice(0, shown).map((p) => (
        <PlanCard key={p.note.id} plan={p} run={run} onWritten={plans.reload} />
      ))}
      {count > shown && (
        <p class="muted" aria-live="polite">
          Showing {shown} of {count} plans…
        </p>
      )}
      <Section title="Next 7 days" id="agenda">
        <Status loading={agenda.loading} error={agenda.error} empty={!agenda.data} />
        {agenda.data && agenda.data.agenda.length === 0 && (
          <p>
            Nothing is due from {today} to {addDays(today, 6)}.
          </p>
        )}
        <ul class="agenda">
          {agenda.data?.agenda.map((day) => (
            <li key={day.date}>
              <strong>{day.date}</strong>
              <ul>
                {day.milestones.map((m) => (
                  <li key={m.id}>
                    <span aria-hidden="true">{m.done ? '☑' : '☐'}</span>
                    <span class="visually-hidden">{m.done ? 'done' : 'to do'}</span> {milestoneName(m)} in{' '}
                    <a href={noteHref(m.note.fname, m.section?.slug)}>{m.note.title}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function PlanCard({ plan, run, onWritten }: { plan: Plan; run: number; onWritten: () => void }) {
  const [message, setMessage] = useState<{ text: string; conflict: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The box shows the tick at once; the file's state comes back with the re-query (or the tick is undone on an error).
  const [pending, setPending] = useState<{ id: string; done: boolean } | null>(null);
  const headingId = `plan-${plan.note.id}`;
  const card = useRef<HTMLElement>(null);
  const milestones = useMilestones(card, plan.note.id);
  const tick = async (m: MilestoneRow, done: boolean) => {
    setBusy(m.id);
    setPending({ id: m.id, done });
    setMessage(null);
    let failure: { text: string; conflict: boolean } | null = null;
    try {
      await mutate(SET_DONE, { id: m.id, done });
    } catch (err) {
      const conflict = err instanceof ApiError && err.code === 'CONFLICT';
      failure = {
        text: conflict ? 'The file changed on disk, reload. Your tick was not written.' : err instanceof Error ? err.message : String(err),
        conflict,
      };
    }
    // The box keeps the tick until the list is read again, and the figures and any error follow: box, count and
    // message then change together, to what the file says (letting go first would show the old state for a moment).
    await milestones.reload();
    setBusy(null);
    setPending(null);
    setMessage(failure);
    onWritten();
  };
  return (
    <section ref={card} class="panel plan" aria-labelledby={headingId} data-note={plan.note.fname}>
      <h2 id={headingId}>
        <a href={noteHref(plan.note.fname)}>{plan.note.title}</a>
      </h2>
      <p class="count">
        <span class="done-total" data-testid="done-total">
          {plan.done}/{plan.total}
        </span>{' '}
        done, {plan.percent.toFixed(1)}%
      </p>
      <progress max={plan.total} value={plan.done} aria-label={`${plan.note.title}: ${plan.done} of ${plan.total} done`} />
      <dl class="figures">
        <dt>Overdue</dt>
        <dd>{names(plan.overdue)}</dd>
        <dt>Due today</dt>
        <dd>{names(plan.dueToday)}</dd>
        <dt>Next due</dt>
        <dd>{plan.nextDue ? `${milestoneName(plan.nextDue)} on ${plan.nextDue.date}` : 'none'}</dd>
        <dt>Pace</dt>
        <dd>{plan.pace.toFixed(3)} a day</dd>
        <dt>Projected finish</dt>
        <dd>{plan.projectedFinish ?? 'not yet known'}</dd>
        <dt>Days behind</dt>
        <dd>{plan.daysBehind}</dd>
        <dt>Streak</dt>
        <dd>{plan.streak}</dd>
      </dl>
      <img
        class="burndown"
        src={`/progress/${encodeURIComponent(plan.note.fname)}.svg?v=${run}`}
        alt={`Burndown chart of ${plan.note.title}: milestones remaining, planned and actual`}
        loading="lazy"
        width={640}
        height={320}
      />
      {message && (
        <div class={message.conflict ? 'error conflict' : 'error'} role="alert">
          {message.text}{' '}
          {message.conflict && (
            <button type="button" onClick={() => location.reload()}>
              Reload
            </button>
          )}
        </div>
      )}
      <fieldset class="milestones" data-loaded={milestones.list !== null ? 'true' : undefined}>
        <legend>Milestones</legend>
        {milestones.list === null && <p class="muted">{milestones.error ?? `Loading ${plan.total} milestones…`}</p>}
        <ul>
          {(milestones.list ?? []).map((m) => (
            <li key={m.id} class={m.overdue ? 'overdue' : undefined}>
              <input
                type="checkbox"
                id={`m-${m.id}`}
                checked={pending?.id === m.id ? pending.done : m.done}
                disabled={busy !== null}
                data-target={m.target ?? ''}
                onChange={(e) => void tick(m, e.currentTarget.checked)}
              />
              <label for={`m-${m.id}`}>
                {m.date}: {milestoneName(m)}
                {m.overdue ? ' (overdue)' : ''}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}

/**
 * A card's milestones, asked for once the card is near the screen and again after each committed sync while it is
 * shown; null until the first answer.
 */
function useMilestones(card: { current: HTMLElement | null }, noteId: string) {
  const [list, setList] = useState<MilestoneRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const asked = useRef(0);
  const latest = useRef<Promise<void>>(Promise.resolve());
  const load = (): Promise<void> => {
    const n = ++asked.current;
    latest.current = milestonesOf(noteId).then(
      (ms) => {
        if (n === asked.current) {
          setList(ms);
          setError(null);
        }
      },
      (err: unknown) => {
        if (n === asked.current) {
          setError(err instanceof Error ? err.message : String(err));
        }
      },
    );
    return latest.current;
  };
  /** Ask again; resolves once the newest answer is in (a live re-query may have overtaken this one). */
  const reload = async (): Promise<void> => {
    if (!visible) {
      return;
    }
    void load();
    for (let p = latest.current; ; p = latest.current) {
      await p;
      if (p === latest.current) {
        return;
      }
    }
  };
  useEffect(() => {
    const el = card.current;
    if (!el || visible) {
      return undefined;
    }
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), {
      rootMargin: '400px 0px',
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [visible]);
  useEffect(() => {
    if (visible) {
      void load();
    }
  }, [visible, noteId]);
  useLive(() => visible && void load());
  return { list, error, reload };
}
