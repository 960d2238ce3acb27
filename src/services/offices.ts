/**
 * The office lead (Geschäftsstellenleitung: `offices[].leads` in the organisation file) oversees every team of
 * the office: `/fm team`, `/fm vormerkungen` and `/fm eskalationen` show them all (issue #11, item 6).
 */
import type { Person, Team } from '../config/org.js';
import type { CommandDeps } from './context.js';

/** The teams of every office the person leads, in the order of the organisation file. */
export function officeTeamsOf(deps: Pick<CommandDeps, 'org'>, person: Pick<Person, 'id'>): Team[] {
  const offices = new Set(deps.org.org.offices.filter((o) => o.leads.includes(person.id)).map((o) => o.id));
  return deps.org.org.teams.filter((t) => offices.has(t.office));
}
