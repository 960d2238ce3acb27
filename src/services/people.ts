/**
 * Who is present and who stands in (R17): absences come from the organisation file and from `/fm abwesend`
 * (store.absences); the substitution chain of a team is its FMs in the order of the organisation file.
 */
import type { CommandDeps } from './context.js';
import type { Team } from '../config/org.js';
import { isAbsentOn, standIn, type Period } from '../domain/substitution.js';
import type { LocalDate } from '../domain/time.js';

type PeopleDeps = Pick<CommandDeps, 'org' | 'store'>;

/** Every known absence of the person: organisation file first, then those entered in the chat. */
export function absencesOf(deps: PeopleDeps, personId: string): Period[] {
  const fromFile = deps.org.person(personId)?.absences ?? [];
  const fromChat = deps.store.absences.forPerson(personId);
  return [...fromFile.map(({ from, to }) => ({ from, to })), ...fromChat.map(({ from, to }) => ({ from, to }))];
}

export function isAbsent(deps: PeopleDeps, personId: string, date: LocalDate): boolean {
  return isAbsentOn(absencesOf(deps, personId), date);
}

/** R17: the team's FMs in the order of the organisation file; the chain wraps around. */
export function substituteChain(deps: PeopleDeps, team: Team): string[] {
  return deps.org
    .membersOf(team)
    .filter((p) => p.roles.includes('fm'))
    .map((p) => p.id);
}

/**
 * Who acts for the FM on `date` (R17): the FM when present; else their `deputy` from the organisation file
 * when that person is a present FM of the same team (standing in stays within the role); else the next
 * present FM of their team's chain; undefined when the whole team is absent (or the FM belongs to no team).
 */
export function actingFor(deps: PeopleDeps, fmId: string, date: LocalDate): string | undefined {
  const fm = deps.org.person(fmId);
  const teamId = fm?.team;
  const team = teamId === undefined ? undefined : deps.org.team(teamId);
  const chain = team ? substituteChain(deps, team) : [];
  const absent = (id: string) => isAbsent(deps, id, date);
  if (!absent(fmId)) return fmId;
  const deputy = fm?.deputy;
  if (deputy !== undefined && deputy !== fmId && chain.includes(deputy) && !absent(deputy)) return deputy;
  return standIn(chain, fmId, absent);
}

/** R17: the absent FMs of the person's team for whom the person acts on `date`, in chain order. */
export function standingInFor(deps: PeopleDeps, personId: string, date: LocalDate): string[] {
  const teamId = deps.org.person(personId)?.team;
  const team = teamId === undefined ? undefined : deps.org.team(teamId);
  if (!team) return [];
  return substituteChain(deps, team).filter((fmId) => fmId !== personId && actingFor(deps, fmId, date) === personId);
}
