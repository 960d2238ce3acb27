/**
 * R35: who sees which figures. A team lead sees their FM teams; the office lead every FM team of their office.
 * Individual FM figures go only to that FM's own team lead and the office lead, in private replies — never into a
 * channel. Outside the team lead's own view a figure describing fewer than 3 clients is shown as "< 3".
 */
import type { Person, Team } from '../../config/org.js';
import { controllingTexts as T } from '../../i18n/controlling.js';
import type { CommandDeps } from '../context.js';
import type { Figure } from './figures.js';

/** Below this many clients a figure is shown as "< 3" outside the team lead's own view. */
export const MIN_CLIENTS = 3;

export interface TeamView {
  team: Team;
  /** The viewer leads the team: figures unmasked. */
  ownLead: boolean;
}

/** The FM teams a person may see figures of, by the order of the organisation file. */
export function figureTeams(deps: Pick<CommandDeps, 'org'>, person: Person): TeamView[] {
  const led = new Set(deps.org.teamsLedBy(person).map((t) => t.id));
  const offices = new Set(
    person.roles.includes('officelead') ? deps.org.org.offices.filter((o) => o.leads.includes(person.id)).map((o) => o.id) : [],
  );
  return deps.org.org.teams
    .filter((t) => t.kind !== 'mi' && (led.has(t.id) || offices.has(t.office)))
    .map((team) => ({ team, ownLead: led.has(team.id) }));
}

/** True when the figure must be shown as "< 3" to a viewer who is not the team's lead. */
export function isSuppressed(figure: Pick<Figure, 'clients' | 'value'>): boolean {
  return figure.value !== undefined && figure.clients > 0 && figure.clients < MIN_CLIENTS;
}

/** The figure as shown: "< 3" where the rule hides it, "–" for a share of nothing, "83 %" for a share. */
export function shownValue(figure: Figure, mask: boolean): string {
  if (figure.value === undefined) return T.none;
  if (mask && isSuppressed(figure)) return T.suppressed;
  return figure.unit === 'prozent' ? T.percent(figure.value) : String(figure.value);
}
