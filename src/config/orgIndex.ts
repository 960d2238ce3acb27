/** Lookups over a validated organisation file. */
import type { Org, Person, Team, TeamKind } from './org.js';
import type { Role } from '../domain/vocabulary.js';

export class OrgIndex {
  private readonly peopleById = new Map<string, Person>();
  private readonly teamsById = new Map<string, Team>();
  private readonly bySlackId = new Map<string, Person>();
  private readonly byTeamsId = new Map<string, Person>();

  constructor(readonly org: Org) {
    for (const p of org.people) {
      this.peopleById.set(p.id, p);
      if (p.slackUserId) this.bySlackId.set(p.slackUserId, p);
      if (p.teamsUserId) this.byTeamsId.set(p.teamsUserId, p);
    }
    for (const t of org.teams) this.teamsById.set(t.id, t);
  }

  person(id: string): Person | undefined {
    return this.peopleById.get(id);
  }

  team(id: string): Team | undefined {
    return this.teamsById.get(id);
  }

  personBySlackId(userId: string): Person | undefined {
    return this.bySlackId.get(userId);
  }

  personByTeamsId(userId: string): Person | undefined {
    return this.byTeamsId.get(userId);
  }

  teamBySlackChannel(channelId: string): Team | undefined {
    return this.org.teams.find((t) => t.slackChannel === channelId);
  }

  teamByTeamsChannel(channelId: string): Team | undefined {
    return this.org.teams.find((t) => t.teamsChannel === channelId);
  }

  teamsOfKind(kind: TeamKind): Team[] {
    return this.org.teams.filter((t) => t.kind === kind);
  }

  hasRole(person: Person, role: Role): boolean {
    return person.roles.includes(role);
  }

  /** Teams a person leads: their own team (as teamlead) and every team listing them in `leads`. */
  teamsLedBy(person: Person): Team[] {
    return this.org.teams.filter(
      (t) => t.leads.includes(person.id) || (person.roles.includes('teamlead') && person.team === t.id),
    );
  }

  /** Leads of a team: those listed in `leads` plus team leads who belong to it. */
  leadsOf(team: Team): Person[] {
    const ids = new Set(team.leads);
    for (const p of this.org.people) if (p.roles.includes('teamlead') && p.team === team.id) ids.add(p.id);
    return [...ids].map((id) => this.peopleById.get(id)).filter((p): p is Person => p !== undefined);
  }

  membersOf(team: Team): Person[] {
    return this.org.people.filter((p) => p.team === team.id);
  }

  admins(): Person[] {
    return this.org.people.filter((p) => p.roles.includes('admin'));
  }
}
