/**
 * Fills a database with cases directly through the store (no chat commands, so no outbox rows of their
 * own), and writes organisation files larger than the demo one for load and crash tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addMonths, type LocalDate } from '../../src/domain/time.js';
import type { Store } from '../../src/store/ports.js';
import type { Group } from '../../src/domain/vocabulary.js';

export interface SeedCase {
  /** FM team that receives the referral. */
  team: string;
  group?: Group;
  /** vorgemerkt: an open referral; zugewiesen: assigned, intake pending; aktiv: taken in on `intakeOn`. */
  status: 'vorgemerkt' | 'zugewiesen' | 'aktiv';
  fmId?: string;
  flaggedOn?: LocalDate;
  intakeDeadline?: LocalDate;
  intakeOn?: LocalDate;
  referringPersonId?: string;
  referringTeamId?: string;
}

/** Inserts one case (R1 formal access: three counted needs) and returns its case code. */
export function seedCase(store: Store, c: SeedCase): string {
  const flaggedOn = c.flaggedOn ?? c.intakeOn ?? '2025-01-06';
  const caseCode = store.codes.next(Number(flaggedOn.slice(0, 4)));
  const [, year, serial] = /^FM-(\d{4})-(\d+)$/.exec(caseCode)!;
  store.cases.insertReferral({
    caseCode,
    clientRef: `${year!.slice(1)}A${serial!.padStart(6, '0')}`,
    group: c.group ?? 'ue25',
    route: 'formal',
    prognosis: 'nicht-marktnah',
    needs: ['gesundheit', 'sucht', 'schulden'],
    countedNeeds: 3,
    integration12: false,
    assessment: true,
    ...(c.group === 'u25' ? { u25Until: '2030-01' } : {}),
    referringPersonId: c.referringPersonId ?? 'ifk-lena',
    referringTeamId: c.referringTeamId ?? 'mi-1',
    receivingTeamId: c.team,
    flaggedOn,
    intakeDeadline: c.intakeDeadline ?? flaggedOn,
    createdAt: 0,
  });
  if (c.status === 'vorgemerkt') return caseCode;
  if (!c.fmId) throw new Error(`seedCase: status ${c.status} needs an fmId`);
  store.cases.transition(caseCode, ['vorgemerkt'], 'zugewiesen', { assignedFmId: c.fmId }, 0);
  if (c.status === 'zugewiesen') return caseCode;
  const intakeOn = c.intakeOn ?? flaggedOn;
  store.cases.transition(caseCode, ['zugewiesen'], 'aktiv', { intakeOn, plannedEndOn: addMonths(intakeOn, 24) }, 0);
  return caseCode;
}

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
