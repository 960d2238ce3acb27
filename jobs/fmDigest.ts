/**
 * 07:30 on working days: one direct message per FM with their due items, grouped "überfällig / heute /
 * diese Woche", each with "erledigt" and "später". An absent FM's digest goes to the next present
 * colleague in the team's chain (R17). Client references appear only in these direct messages.
 *
 * The U25 → Ü25 transfer (R10) is not a digest item: from four months before the 25th-birthday month the
 * FM gets a reminder of its own once a week (one dedupe key per case and week) until the transfer is
 * flagged. A follow-up after a successful exit (R27) is listed for the four weeks of its window only.
 */
import type { Person, Team } from '../src/config/org.js';
import { DUE_ACTIONS, toCaseClock } from '../src/services/clocks.js';
import { actingFor, substituteChain } from '../src/services/people.js';
import { contactMinimum, contactShare, transitionReminder, type DueItem, type TransitionReminder } from '../src/domain/due.js';
import { formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { actions, heading, message, text, type Block } from '../src/messaging/reply.js';
import type { CaseWithContacts } from '../src/store/ports.js';
import { CLOCK_STATUSES, TIMES, dueReader, endOfWeek, isPingTime, todayText, type CaseDue, type DueReader } from './shared.js';
import type { Job, JobContext } from './types.js';

/** Slack allows 50 blocks; two per item plus headings keeps a digest well inside. */
const MAX_ITEMS = 20;
/**
 * Items with an "erledigt" button: the review is recorded at once (R20); a contact opens the contact form,
 * since only its kind tells whether it is qualified (R16); a follow-up asks for its result (R27).
 */
const DONE_BY_BUTTON = new Set<DueItem['kind']>(['contact', 'review', 'followup']);
/** Sent once a week by their own message, not in the daily digest. */
const WEEKLY_KINDS = new Set<DueItem['kind']>(['u25_transition']);

export const fmDigest: Job = {
  name: 'fm-digest',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.fmDigest)) return 0;
    let queued = 0;
    const due = dueReader(ctx);
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      for (const fmId of substituteChain(ctx, team)) queued += digestFor(ctx, due, team, ctx.org.person(fmId)!);
    }
    return queued;
  },
};

function digestFor(ctx: JobContext, reader: DueReader, team: Team, fm: Person): number {
  const cases = ctx.store.cases.clocks({ statuses: CLOCK_STATUSES, assignedFmId: fm.id }, ctx.today);
  // R17: when the whole team is away, the team lead gets it rather than nobody.
  const recipient = actingFor(ctx, fm.id, ctx.today) ?? ctx.org.leadsOf(team)[0]?.id;
  if (!recipient) return 0;
  let queued = transitionReminders(ctx, reader, cases, fm, recipient);
  const due = reader.until(cases, endOfWeek(ctx.today)).filter((d) => !WEEKLY_KINDS.has(d.item.kind));
  if (due.length === 0) return queued;
  const added = ctx.store.outbox.enqueue({
    dedupeKey: `ping.digest:${fm.id}:${ctx.today}`,
    target: { kind: 'direct', personId: recipient },
    message: render(ctx, fm, recipient !== fm.id, due, behind(ctx, reader, cases)),
    createdAt: ctx.now,
  });
  if (added) queued++;
  return queued;
}

/**
 * R10: this week's reminder for each of the FM's active U25 cases not yet flagged for transfer. The dedupe
 * key names the case and the week's reminder date, so each week brings one new message, whoever receives it.
 */
function transitionReminders(ctx: JobContext, reader: DueReader, cases: CaseWithContacts[], fm: Person, recipient: string): number {
  let queued = 0;
  for (const record of cases) {
    const reminder = transitionReminder(toCaseClock(record, reader.transfers), ctx.today, ctx.calendar);
    if (reminder === undefined || reminder.dueOn > ctx.today) continue;
    const added = ctx.store.outbox.enqueue({
      dedupeKey: `ping.r10:${record.caseCode}:${reminder.ruleOn}`,
      target: { kind: 'direct', personId: recipient },
      message: renderTransition(record, reminder, recipient !== fm.id ? fm : undefined),
      createdAt: ctx.now,
    });
    if (added) queued++;
  }
  return queued;
}

function renderTransition(record: CaseWithContacts, r: TransitionReminder, forFm: Person | undefined) {
  const title = forFm ? T.transitionHeadingFor(forFm.name) : T.transitionHeading;
  const month = T.monthYear(r.handoverMonth);
  const flagBy = formatGermanDate(r.flagBy);
  const value = `${record.caseCode}|u25_transition|${r.dueOn}`;
  return message(
    T.transitionSummary(record.caseCode, r.stage),
    heading(title),
    text(T.transitionText(record.caseCode, record.clientRef, month, flagBy, r.stage)),
    text(T.transitionWeekly),
    actions({ actionId: DUE_ACTIONS.done, label: T.transitionButton, value, style: 'primary' }),
  );
}

/**
 * R16 per FM: when fewer than 90 % of the FM's active cases have the yearly minimum of qualified contacts, the
 * cases below it — the ones that put the FM behind. Undefined while the FM's share is met.
 */
function behind(ctx: JobContext, reader: DueReader, cases: CaseWithContacts[]): { share: string; met: number; total: number; codes: string[] } | undefined {
  const clocks = cases.filter((c) => c.status === 'aktiv').map((c) => toCaseClock(c, reader.transfers));
  const share = contactShare(clocks, reader.policy, ctx.today);
  if (share.ok) return undefined;
  const codes = clocks.filter((c) => !contactMinimum(c, reader.policy, ctx.today).met).map((c) => c.caseCode).sort();
  return { share: `${Math.round(share.share * 100)} %`, met: share.met, total: share.total, codes };
}

function render(ctx: JobContext, fm: Person, substitute: boolean, due: CaseDue[], minimum?: ReturnType<typeof behind>) {
  const groups: Array<[string, CaseDue[]]> = [
    [T.groupOverdue, due.filter((d) => d.item.dueOn < ctx.today)],
    [T.groupToday, due.filter((d) => d.item.dueOn === ctx.today)],
    [T.groupWeek, due.filter((d) => d.item.dueOn > ctx.today)],
  ];
  const title = substitute ? T.digestHeadingFor(fm.name, todayText(ctx.today)) : T.digestHeading(todayText(ctx.today));
  const summary = T.digestSummary(groups[0]![1].length, groups[1]![1].length, groups[2]![1].length);
  const blocks: Block[] = [heading(title), text(summary)];
  let shown = 0;
  for (const [label, items] of groups) {
    if (items.length === 0 || shown >= MAX_ITEMS) continue;
    blocks.push(heading(label));
    for (const { record, item } of items) {
      if (shown >= MAX_ITEMS) break;
      shown++;
      const value = `${item.caseCode}|${item.kind}|${item.dueOn}`;
      blocks.push(
        text(T.item(item.caseCode, record.clientRef, itemLabel(item), formatGermanDate(item.dueOn), item.rule)),
        actions(
          ...(DONE_BY_BUTTON.has(item.kind) ? [{ actionId: DUE_ACTIONS.done, label: T.done, value, style: 'primary' as const }] : []),
          { actionId: DUE_ACTIONS.later, label: T.later, value },
        ),
      );
    }
  }
  if (due.length > shown) blocks.push(text(T.more(due.length - shown)));
  if (minimum) blocks.push(heading(T.behindHeading), text(T.behind(minimum.met, minimum.total, minimum.share, minimum.codes)));
  return message(`${title}: ${summary}`, ...blocks);
}

/** A follow-up names the last day of its window (R27). */
function itemLabel(item: DueItem): string {
  const base = T.dueLabel(item.kind, item.months);
  return item.lastOn === undefined ? base : `${base}${T.windowUntil(formatGermanDate(item.lastOn))}`;
}

/**
 * The FM's due items of today and this week as the digest shows them (same grouping and buttons), for the Slack App
 * Home; undefined when nothing is due.
 */
export function fmDueMessage(ctx: JobContext, fm: Person): ReturnType<typeof render> | undefined {
  const reader = dueReader(ctx);
  const cases = ctx.store.cases.clocks({ statuses: CLOCK_STATUSES, assignedFmId: fm.id }, ctx.today);
  const due = reader.until(cases, endOfWeek(ctx.today)).filter((d) => !WEEKLY_KINDS.has(d.item.kind));
  return due.length === 0 ? undefined : render(ctx, fm, false, due, behind(ctx, reader, cases));
}
