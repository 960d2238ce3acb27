/**
 * Writes organisation files larger than the demo one for load and crash tests (cases for them come from
 * `insertCase` in build.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LargeOrg {
  file: string;
  /** Slack user id by person id, and Slack channel by team id: where each outbox target lands. */
  slackUser: Map<string, string>;
  slackChannel: Map<string, string>;
  fmIds: string[];
  fmTeamIds: string[];
}

/**
 * Writes an organisation file with `fmTeams` Ü25 FM teams of `fmsPerTeam` FMs each (every one with a
 * Slack id), one M&I team per FM team whose contact FM is that team's first FM, and one office.
 */
export function writeLargeOrg(dir: string, opts: { fmTeams: number; fmsPerTeam: number }): LargeOrg {
  const slackUser = new Map<string, string>();
  const slackChannel = new Map<string, string>();
  const fmIds: string[] = [];
  const fmTeamIds: string[] = [];
  const person = (id: string, name: string, roles: string[], team?: string) => {
    const slackUserId = `U${id.replace(/[^a-z0-9]/gi, '').toUpperCase()}`;
    slackUser.set(id, slackUserId);
    return { id, name, roles, ...(team ? { team } : {}), slackUserId };
  };
  const teams: unknown[] = [];
  const people: unknown[] = [person('gl-1', 'Leitung Eins', ['officelead'])];
  for (let t = 1; t <= opts.fmTeams; t++) {
    const teamId = `fm-${t}`;
    const channel = `C0FM${t}`;
    fmTeamIds.push(teamId);
    slackChannel.set(teamId, channel);
    teams.push({ id: teamId, name: `Fallmanagement ${t}`, kind: 'fm_ue25', office: 'o-1', leads: [`tl-${t}`], caseloadRatio: 150, slackChannel: channel });
    people.push(person(`tl-${t}`, `Teamleitung ${t}`, ['teamlead'], teamId));
    for (let f = 1; f <= opts.fmsPerTeam; f++) {
      const fmId = `fm-${t}-${f}`;
      fmIds.push(fmId);
      people.push(person(fmId, `Fallmanager:in ${t}.${f}`, ['fm'], teamId));
    }
    const miId = `mi-${t}`;
    teams.push({ id: miId, name: `Markt & Integration ${t}`, kind: 'mi', office: 'o-1', leads: [`tl-mi-${t}`], contactFm: `fm-${t}-1` });
    people.push(person(`tl-mi-${t}`, `Teamleitung M&I ${t}`, ['teamlead'], miId));
    people.push(person(`ifk-${t}`, `Integrationsfachkraft ${t}`, ['ifk'], miId));
  }
  const org = {
    jobcenter: { name: 'Jobcenter Lasttest', holidayRegion: 'DE-HB', timezone: 'Europe/Berlin' },
    offices: [{ id: 'o-1', name: 'Geschäftsstelle Eins', leads: ['gl-1'] }],
    teams,
    people,
  };
  const file = path.join(dir, 'org.large.json');
  fs.writeFileSync(file, JSON.stringify(org, null, 2));
  return { file, slackUser, slackChannel, fmIds, fmTeamIds };
}
