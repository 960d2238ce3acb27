/**
 * 07:30 on working days: one direct message per FM with their due items, grouped "überfällig / heute /
 * diese Woche", each with "erledigt" and "später". An absent FM's digest goes to the next present
 * colleague in the team's chain (R17). Client references appear only in these direct messages.
 */
import type { Person, Team } from '../src/config/org.js';
import { DUE_ACTIONS } from '../src/services/clocks.js';
import { actingFor, substituteChain } from '../src/services/people.js';
import type { DueItem } from '../src/domain/due.js';
import { formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { actions, heading, message, text, type Block } from '../src/messaging/reply.js';
import { CLOCK_STATUSES, TIMES, dueReader, endOfWeek, isPingTime, todayText, type CaseDue, type DueReader } from './shared.js';
import type { Job, JobContext } from './types.js';

/** Slack allows 50 blocks; two per item plus headings keeps a digest well inside. */
const MAX_ITEMS = 20;
/** Items the "erledigt" button can record itself; the others need their own command. */
const DONE_BY_BUTTON = new Set<DueItem['kind']>(['contact', 'review']);

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
  const due = reader.until(cases, endOfWeek(ctx.today));
  if (due.length === 0) return 0;
  // R17: when the whole team is away, the team lead gets it rather than nobody.
  const recipient = actingFor(ctx, fm.id, ctx.today) ?? ctx.org.leadsOf(team)[0]?.id;
  if (!recipient) return 0;
  const added = ctx.store.outbox.enqueue({
    dedupeKey: `ping.digest:${fm.id}:${ctx.today}`,
    target: { kind: 'direct', personId: recipient },
    message: render(ctx, fm, recipient !== fm.id, due),
    createdAt: ctx.now,
  });
  return added ? 1 : 0;
}

function render(ctx: JobContext, fm: Person, substitute: boolean, due: CaseDue[]) {
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
        text(T.item(item.caseCode, record.clientRef, T.dueLabel(item.kind, item.months), formatGermanDate(item.dueOn), item.rule)),
        actions(
          ...(DONE_BY_BUTTON.has(item.kind) ? [{ actionId: DUE_ACTIONS.done, label: T.done, value, style: 'primary' as const }] : []),
          { actionId: DUE_ACTIONS.later, label: T.later, value },
        ),
      );
    }
  }
  if (due.length > shown) blocks.push(text(T.more(due.length - shown)));
  return message(`${title}: ${summary}`, ...blocks);
}
