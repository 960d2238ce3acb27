/**
 * /fm vormerkungen — open referrals: an IFK sees their own, FM team members and leads their team's,
 * an M&I team lead those of their team. Private reply only: it carries client references.
 */
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { listTexts as T, referralTexts } from '../src/i18n/commands.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { oversightTexts as O } from '../src/i18n/oversight.js';
import { heading, list, message, text } from '../src/messaging/reply.js';
import { officeTeamsOf } from '../src/services/offices.js';
import type { CaseRecord } from '../src/store/ports.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const vormerkungen: CommandDefinition = {
  name: 'vormerkungen',
  roles: EVERYONE,
  helpOrder: 30,
  readOnly: true,
  help: commandHelp.vormerkungen,
  teamsMenu: {
    personal: { priority: 100, description: M.vormerkungen },
    team: { priority: 90, description: M.vormerkungenTeam },
    groupChat: { priority: 90, description: M.vormerkungen },
  },
  keys: [],
  maxPositionals: 0,
  run(ctx) {
    const rows = visibleReferrals(ctx);
    if (rows === undefined) throw new UserError(T.notAllowed);
    const today = ctx.calendar.today(ctx.clock.now());
    if (rows.length === 0) return message(T.none, heading(T.heading), text(T.none));
    const lines = rows.map(({ record: r, involved }) => {
      const line = T.line(
        r.caseCode,
        referralTexts.groupLabel(r.group),
        formatGermanDate(r.intakeDeadline),
        // Social data: the office lead oversees, but is not involved with the person — case codes only.
        involved ? r.clientRef : O.noClientRef,
        ctx.org.team(r.receivingTeamId)?.name ?? r.receivingTeamId,
      );
      return r.intakeDeadline < today ? line + T.overdue : line;
    });
    return message(`${T.heading}: ${rows.length}`, heading(`${T.heading} (${rows.length})`), list(lines));
  },
};

/**
 * undefined when the actor may see none (neither IFK nor member or lead of an FM or M&I team nor office lead).
 * `involved`: seen as IFK, team member or team lead (with the client reference), not only as office lead.
 */
function visibleReferrals(ctx: CommandContext): Array<{ record: CaseRecord; involved: boolean }> | undefined {
  const { actor, org, store } = ctx;
  const fmTeams = new Set<string>();
  const miTeams = new Set<string>();
  const own = actor.team ? org.team(actor.team) : undefined;
  if (own && own.kind !== 'mi' && (actor.roles.includes('fm') || actor.roles.includes('teamlead'))) fmTeams.add(own.id);
  for (const led of org.teamsLedBy(actor)) (led.kind === 'mi' ? miTeams : fmTeams).add(led.id);
  // The office lead oversees every team of the office.
  const officeTeams = officeTeamsOf(ctx, actor);

  const isIfk = actor.roles.includes('ifk');
  if (!isIfk && fmTeams.size === 0 && miTeams.size === 0 && officeTeams.length === 0) return undefined;

  const byCode = new Map<string, CaseRecord>();
  if (isIfk) for (const r of store.cases.openReferrals({ referringPersonId: actor.id })) byCode.set(r.caseCode, r);
  if (fmTeams.size) for (const r of store.cases.openReferrals({ receivingTeamIds: [...fmTeams] })) byCode.set(r.caseCode, r);
  if (miTeams.size) {
    for (const r of store.cases.openReferrals({})) if (miTeams.has(r.referringTeamId)) byCode.set(r.caseCode, r);
  }
  const involved = new Set(byCode.keys());
  const officeIds = new Set(officeTeams.map((t) => t.id));
  for (const r of store.cases.openReferrals({})) {
    if (!byCode.has(r.caseCode) && (officeIds.has(r.receivingTeamId) || officeIds.has(r.referringTeamId))) byCode.set(r.caseCode, r);
  }
  return [...byCode.values()]
    .sort((a, b) => a.intakeDeadline.localeCompare(b.intakeDeadline) || a.caseCode.localeCompare(b.caseCode))
    .map((record) => ({ record, involved: involved.has(record.caseCode) }));
}
