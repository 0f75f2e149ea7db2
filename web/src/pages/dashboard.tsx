import { useState } from 'preact/hooks';
import { ApiError, mutate } from '../api';
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
  overdue: MilestoneRow[];
  dueToday: MilestoneRow[];
  nextDue: MilestoneRow | null;
  note: { id: string; fname: string; title: string; milestones: MilestoneRow[] };
}

interface AgendaDay {
  date: string;
  milestones: (MilestoneRow & { note: { fname: string; title: string } })[];
}

const MILESTONE = 'id date done overdue label target section { slug }';
const PLANS = `query Plans {
  plans { asOf total done percent pace projectedFinish daysBehind streak
    overdue { ${MILESTONE} } dueToday { ${MILESTONE} } nextDue { ${MILESTONE} }
    note { id fname title milestones { ${MILESTONE} } } }
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

/** `chapter 4`, or the label, as the CLI writes a milestone. */
function milestoneName(m: MilestoneRow): string {
  if (m.target !== null && /^\d+$/.test(m.target)) {
    return `chapter ${m.target}`;
  }
  return m.target ?? m.label ?? m.date;
}

function names(ms: MilestoneRow[]): string {
  return ms.length === 0 ? 'none' : ms.map((m) => `${milestoneName(m)} (${m.date})`).join(', ');
}

export function DashboardPage() {
  const plans = useQuery<{ plans: Plan[] }>(PLANS, {});
  const today = plans.data?.plans[0]?.asOf ?? localToday();
  const agenda = useQuery<{ agenda: AgendaDay[] }>(AGENDA, { from: today, to: addDays(today, 6) });
  const [run, setRun] = useState(0);
  useLive((change) => setRun(change.runId ?? 0));
  return (
    <>
      <h1>Dashboard</h1>
      <Status loading={plans.loading} error={plans.error} empty={!plans.data} />
      {plans.data && plans.data.plans.length === 0 && (
        <p>No note has a plan yet: a checklist item with a date, e.g. `- [ ] 1/4(sat): 2`.</p>
      )}
      {plans.data?.plans.map((p) => (
        <PlanCard key={p.note.id} plan={p} run={run} onWritten={plans.reload} />
      ))}
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
  const tick = async (m: MilestoneRow, done: boolean) => {
    setBusy(m.id);
    setPending({ id: m.id, done });
    setMessage(null);
    try {
      await mutate(SET_DONE, { id: m.id, done });
    } catch (err) {
      const conflict = err instanceof ApiError && err.code === 'CONFLICT';
      setMessage({
        text: conflict ? 'The file changed on disk, reload. Your tick was not written.' : err instanceof Error ? err.message : String(err),
        conflict,
      });
    } finally {
      setBusy(null);
      setPending(null);
      onWritten();
    }
  };
  return (
    <section class="panel plan" aria-labelledby={headingId} data-note={plan.note.fname}>
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
      <fieldset class="milestones">
        <legend>Milestones</legend>
        <ul>
          {plan.note.milestones.map((m) => (
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
