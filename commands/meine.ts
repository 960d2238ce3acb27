/**
 * /fm meine — the actor's cases with what is due next, most urgent first: assigned and active cases, and
 * ended ones whose follow-up (R27) falls due about now. Then the cases of absent colleagues the actor
 * stands in for today (R17). Private reply, so client references may show.
 */
import { contactPolicy, toCaseClock } from '../src/services/clocks.js';
import { absencesOf, standingInFor } from '../src/services/people.js';
import { dueItems, type DueItem } from '../src/domain/due.js';
import { addDays, formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { shownStatus } from './caseAccess.js';
import { dueLabel, dueLine, mineTexts as T, type DueState } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { heading, list, message, text, type Block } from '../src/messaging/reply.js';
import type { CaseWithContacts } from '../src/store/ports.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/**
 * Follow-ups are shown from 30 days before to 30 days after their date: nothing records that a follow-up
 * was done, so an older one would otherwise stay overdue for ever.
 */
const FOLLOWUP_WINDOW_DAYS = 30;
/** Due items shown per case; later ones are in `/fm fall`. */
const ITEMS_PER_CASE = 3;

interface Row {
  record: CaseWithContacts;
  items: DueItem[];
}

export const meine: CommandDefinition = {
  name: 'meine',
  roles: EVERYONE,
  helpOrder: 170,
  readOnly: true,
  help: commandHelp.meine,
  teamsMenu: {
    personal: { priority: 90, description: M.meine },
    groupChat: { priority: 80, description: M.meine },
  },
  keys: [],
  maxPositionals: 0,
  run(ctx) {
    const today = ctx.calendar.today(ctx.clock.now());
    const own = rowsOf(ctx, ctx.actor.id, today);
    const blocks: Block[] = [heading(T.heading)];
    blocks.push(own.length ? list(own.map((row) => line(ctx, row, today))) : text(T.none));

    let count = own.length;
    for (const fmId of standingInFor(ctx, ctx.actor.id, today)) {
      const rows = rowsOf(ctx, fmId, today);
      if (rows.length === 0) continue;
      count += rows.length;
      const until = absencesOf(ctx, fmId).find((a) => a.from <= today && today <= a.to)?.to ?? today;
      blocks.push(heading(T.standInHeading(ctx.org.person(fmId)?.name ?? fmId, formatGermanDate(until))));
      blocks.push(list(rows.map((row) => line(ctx, row, today))));
    }
    if (count > 0) blocks.push(text(T.hint));
    return message(T.summary(count), ...blocks);
  },
};

function rowsOf(ctx: CommandContext, fmId: string, today: LocalDate): Row[] {
  const policy = contactPolicy(ctx);
  const transfers = ctx.store.cases.transfersStarted();
  const followups = ctx.store.followups.doneByCase(); // R27: a recorded follow-up is never due again
  const rows: Row[] = [];
  for (const record of ctx.store.cases.clocks({ statuses: ['zugewiesen', 'aktiv', 'beendet'], assignedFmId: fmId }, today)) {
    let items = dueItems(toCaseClock(record, transfers, followups), policy, ctx.calendar);
    if (record.status === 'beendet') {
      const from = addDays(today, -FOLLOWUP_WINDOW_DAYS);
      const to = addDays(today, FOLLOWUP_WINDOW_DAYS);
      items = items.filter((i) => i.kind === 'followup' && from <= i.dueOn && i.dueOn <= to);
      if (items.length === 0) continue;
    }
    rows.push({ record, items });
  }
  // Most urgent first: by the first due date; cases with nothing due last, then by case code.
  return rows.sort((a, b) => {
    const da = a.items[0]?.dueOn ?? '9999-12-31';
    const db = b.items[0]?.dueOn ?? '9999-12-31';
    return da === db ? a.record.caseCode.localeCompare(b.record.caseCode) : da < db ? -1 : 1;
  });
}

function line(ctx: CommandContext, { record, items }: Row, today: LocalDate): string {
  const shown = items.slice(0, ITEMS_PER_CASE).map((i) => dueLine(dueLabel(i.kind, i.months), i.rule, formatGermanDate(i.dueOn), stateOf(i, today)));
  return T.line(record.caseCode, record.clientRef, shownStatus(ctx, record), shown);
}

export function stateOf(item: DueItem, today: LocalDate): DueState {
  return item.dueOn < today ? 'overdue' : item.dueOn === today ? 'today' : 'later';
}
