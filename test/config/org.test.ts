import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../src/config/load.js';
import { caseloadRatio, isKnownHolidayRegion, orgSchema } from '../../src/config/org.js';

/** A small valid organisation; people are at fixed indexes so problem paths are predictable. */
function baseOrg() {
  return {
    jobcenter: { name: 'Jobcenter Test', holidayRegion: 'DE-HB', timezone: 'Europe/Berlin' },
    offices: [{ id: 'mitte', name: 'Geschäftsstelle Mitte', leads: ['gl'] }] as Record<string, unknown>[],
    teams: [
      { id: 'fm-ue25', name: 'FM Ü25', kind: 'fm_ue25', office: 'mitte', leads: ['tl-fm'] },
      { id: 'mi-1', name: 'M&I 1', kind: 'mi', office: 'mitte', leads: ['tl-mi'], contactFm: 'fm-anton' },
    ] as Record<string, unknown>[],
    people: [
      { id: 'gl', name: 'Gabriele Lorenz', roles: ['officelead'] },
      { id: 'tl-fm', name: 'Tanja Lehmann', roles: ['teamlead'], team: 'fm-ue25' },
      { id: 'fm-anton', name: 'Anton Weber', roles: ['fm'], team: 'fm-ue25', slackUserId: 'U0ANTON', teamsUserId: '29:anton' },
      { id: 'tl-mi', name: 'Uwe Krause', roles: ['teamlead'], team: 'mi-1' },
      { id: 'ifk-berta', name: 'Berta Klein', roles: ['ifk'], team: 'mi-1', slackUserId: 'U0BERTA' },
    ] as Record<string, unknown>[],
  };
}
type RawOrg = ReturnType<typeof baseOrg>;

function problemsAfter(change: (org: RawOrg) => void): string[] {
  const org = baseOrg();
  change(org);
  const result = parseOrg(org);
  return result.ok ? [] : result.problems;
}

describe('organisation file: valid input', () => {
  it('accepts a complete organisation and fills in defaults (fte 1.0, no absences)', () => {
    const result = parseOrg(baseOrg());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.org.people[2]).toMatchObject({ fte: 1, absences: [], topics: [] });
  });

  it('accepts unknown extra keys, since jobcenters add their own settings', () => {
    expect(problemsAfter((o) => (o.teams[0]!.meetingDay = 'dienstags'))).toEqual([]);
  });

  it('does not require a team for office leads and admins', () => {
    expect(problemsAfter((o) => o.people.push({ id: 'admin', name: 'Ida Admin', roles: ['admin'] }))).toEqual([]);
  });
});

describe('organisation file: every problem names its JSON path', () => {
  it('reports duplicate ids of people, teams and offices at the second occurrence', () => {
    expect(problemsAfter((o) => o.people.push({ id: 'fm-anton', name: 'Anna Weber', roles: ['officelead'] }))).toEqual([
      'people[5].id: doppelte ID „fm-anton“ (schon bei people[2].id)',
    ]);
    expect(problemsAfter((o) => o.teams.push({ id: 'mi-1', name: 'Zweites', kind: 'mi', office: 'mitte' }))).toEqual([
      'teams[2].id: doppelte ID „mi-1“ (schon bei teams[1].id)',
    ]);
    expect(problemsAfter((o) => o.offices.push({ id: 'mitte', name: 'Nochmal Mitte' }))).toEqual([
      'offices[1].id: doppelte ID „mitte“ (schon bei offices[0].id)',
    ]);
  });

  it('reports a person in an unknown team and a team in an unknown office', () => {
    expect(problemsAfter((o) => (o.people[4]!.team = 'mi-x'))).toEqual(['people[4].team: unbekanntes Team „mi-x“']);
    expect(problemsAfter((o) => (o.teams[1]!.office = 'nord'))).toEqual(['teams[1].office: unbekannte Geschäftsstelle „nord“']);
  });

  it.each(['ifk', 'fm', 'teamlead'])('requires a team for the role %s', (role) => {
    expect(problemsAfter((o) => o.people.push({ id: 'neu', name: 'Nora Neu', roles: [role] }))).toEqual([
      `people[5].team: Team fehlt: für die Rolle „${role}“ ist „team“ Pflicht`,
    ]);
  });

  it('keeps IFK in M&I teams and FMs in FM teams', () => {
    expect(problemsAfter((o) => (o.people[4]!.team = 'fm-ue25'))).toEqual([
      'people[4].team: Integrationsfachkräfte (Rolle „ifk“) gehören zu einem M&I-Team; „fm-ue25“ ist ein FM-Team Ü25',
    ]);
    expect(problemsAfter((o) => o.people.push({ id: 'fm-x', name: 'Xaver Fall', roles: ['fm'], team: 'mi-1' }))).toEqual([
      'people[5].team: Fallmanager:innen (Rolle „fm“) gehören zu einem FM-Team (U25 oder Ü25); „mi-1“ ist ein M&I-Team',
    ]);
  });

  it('reports team and office leads who are not in the people list', () => {
    expect(
      problemsAfter((o) => {
        o.teams[0]!.leads = ['tl-fm', 'tl-weg'];
        o.offices[0]!.leads = ['gl-alt'];
      }),
    ).toEqual(['offices[0].leads[0]: unbekannte Person „gl-alt“', 'teams[0].leads[1]: unbekannte Person „tl-weg“']);
  });

  it('R30: the contact FM must be a person with role fm, and only M&I teams have one', () => {
    expect(problemsAfter((o) => (o.teams[1]!.contactFm = 'fm-niemand'))).toEqual([
      'teams[1].contactFm: unbekannte Person „fm-niemand“',
    ]);
    expect(problemsAfter((o) => (o.teams[1]!.contactFm = 'ifk-berta'))).toEqual([
      'teams[1].contactFm: „ifk-berta“ hat nicht die Rolle „fm“ und kann nicht Kontakt-Fallmanager:in sein (R30)',
    ]);
    expect(problemsAfter((o) => (o.teams[0]!.contactFm = 'fm-anton'))).toEqual([
      'teams[0].contactFm: eine Kontakt-Fallmanager:in gibt es nur bei M&I-Teams (R30); dieses Team ist ein FM-Team Ü25',
    ]);
  });

  it('R17: reports an unknown deputy and a person deputising for themselves', () => {
    expect(problemsAfter((o) => (o.people[2]!.deputy = 'fm-wer'))).toEqual(['people[2].deputy: unbekannte Person „fm-wer“']);
    expect(problemsAfter((o) => (o.people[2]!.deputy = 'fm-anton'))).toEqual([
      'people[2].deputy: eine Person kann nicht ihre eigene Vertretung sein',
    ]);
  });

  it('R14: keeps the FTE between 0.1 and 1.0', () => {
    expect(problemsAfter((o) => (o.people[2]!.fte = 1.5))).toEqual([
      'people[2].fte: Stellenanteil (fte) muss zwischen 0,1 und 1,0 liegen, gefunden: 1,5',
    ]);
    expect(problemsAfter((o) => (o.people[2]!.fte = 0.05))).toEqual([
      'people[2].fte: Stellenanteil (fte) muss zwischen 0,1 und 1,0 liegen, gefunden: 0,05',
    ]);
    expect(problemsAfter((o) => (o.people[2]!.fte = 0.1))).toEqual([]);
  });

  it('reports absences that end before they start and dates that do not exist', () => {
    expect(problemsAfter((o) => (o.people[2]!.absences = [{ from: '2027-01-04', to: '2026-12-21' }]))).toEqual([
      'people[2].absences[0].to: Ende 21.12.2026 liegt vor dem Beginn 04.01.2027',
    ]);
    expect(problemsAfter((o) => (o.people[2]!.absences = [{ from: '2026-02-30', to: '2026-03-02' }]))).toEqual([
      'people[2].absences[0].from: kein gültiges Datum „2026-02-30“ (Format JJJJ-MM-TT, z. B. 2026-12-21)',
    ]);
    expect(problemsAfter((o) => (o.people[2]!.absences = [{ from: '21.12.2026', to: '2027-01-04' }]))).toEqual([
      'people[2].absences[0].from: kein gültiges Datum „21.12.2026“ (Format JJJJ-MM-TT, z. B. 2026-12-21)',
    ]);
  });

  it('reports a Slack or Teams user id given to two people', () => {
    expect(
      problemsAfter((o) => {
        o.people[4]!.slackUserId = 'U0ANTON';
        o.people[3]!.teamsUserId = '29:anton';
      }),
    ).toEqual([
      'people[3].teamsUserId: Benutzerkennung „29:anton“ ist schon bei people[2].teamsUserId eingetragen; jede Person braucht eine eigene',
      'people[4].slackUserId: Benutzerkennung „U0ANTON“ ist schon bei people[2].slackUserId eingetragen; jede Person braucht eine eigene',
    ]);
  });

  it('R4: accepts only holiday regions date-holidays knows (working days depend on them)', () => {
    expect(problemsAfter((o) => (o.jobcenter.holidayRegion = 'DE-XX'))).toEqual([
      'jobcenter.holidayRegion: unbekannte Feiertagsregion „DE-XX“; erwartet Land-Bundesland wie „DE-HB“ (Bremen) oder „DE-NI“ (Niedersachsen)',
    ]);
    expect(problemsAfter((o) => (o.jobcenter.holidayRegion = 'Bremen'))).toHaveLength(1);
    expect(problemsAfter((o) => (o.jobcenter.holidayRegion = 'DE-NI'))).toEqual([]);
    expect([isKnownHolidayRegion('DE-HB'), isKnownHolidayRegion('DE'), isKnownHolidayRegion('DE-HB-X')]).toEqual([true, true, false]);
  });

  it('accepts only the time zone Europe/Berlin', () => {
    expect(problemsAfter((o) => (o.jobcenter.timezone = 'Europe/London'))).toEqual([
      'jobcenter.timezone: nur „Europe/Berlin“ wird unterstützt, gefunden „Europe/London“',
    ]);
  });

  it('explains shape errors in German', () => {
    expect(
      problemsAfter((o) => {
        delete o.people[0]!.name;
        o.people[4]!.roles = ['fallmanager'];
        o.teams[1]!.kind = 'markt';
        o.people[3]!.fte = 'voll';
        o.offices[0]!.name = '';
      }),
    ).toEqual([
      'offices[0].name: darf nicht leer sein',
      'teams[1].kind: unzulässiger Wert „markt“; erlaubt: fm_u25, fm_ue25, mi',
      'people[0].name: Pflichtangabe fehlt',
      'people[3].fte: erwartet eine Zahl, gefunden den Text „voll“',
      'people[4].roles[0]: unzulässiger Wert „fallmanager“; erlaubt: ifk, fm, teamlead, officelead, admin',
    ]);
  });

  it('requires at least one office, team, person and role', () => {
    expect(
      problemsAfter((o) => {
        o.offices = [];
        o.people[0]!.roles = [];
      }),
    ).toEqual([
      'offices: braucht mindestens einen Eintrag',
      'teams[0].office: unbekannte Geschäftsstelle „mitte“',
      'teams[1].office: unbekannte Geschäftsstelle „mitte“',
      'people[0].roles: braucht mindestens einen Eintrag',
    ]);
  });

  it('says so when the file is not an object at all', () => {
    expect(parseOrg([])).toEqual({ ok: false, problems: ['(gesamte Datei): erwartet ein Objekt {…}, gefunden eine Liste'] });
  });
});

describe('organisation file: several problems at once', () => {
  it('reports every problem in one run, in the order they appear in the file', () => {
    const problems = problemsAfter((o) => {
      o.people[4]!.team = 'mi-9'; // cross-reference
      o.people[1]!.roles = ['chefin']; // shape error elsewhere must not hide the others
      o.teams.push({ id: 'fm-ue25', name: 'Doppelt', kind: 'fm_ue25', office: 'süd' });
      o.jobcenter.timezone = 'UTC';
      o.people[2]!.fte = 2;
    });
    expect(problems).toEqual([
      'jobcenter.timezone: nur „Europe/Berlin“ wird unterstützt, gefunden „UTC“',
      'teams[2].id: doppelte ID „fm-ue25“ (schon bei teams[0].id)',
      'teams[2].office: unbekannte Geschäftsstelle „süd“',
      'people[1].roles[0]: unzulässiger Wert „chefin“; erlaubt: ifk, fm, teamlead, officelead, admin',
      'people[2].fte: Stellenanteil (fte) muss zwischen 0,1 und 1,0 liegen, gefunden: 2',
      'people[4].team: unbekanntes Team „mi-9“',
    ]);
  });
});

describe('caseload ratio (R13/R14)', () => {
  const team = (kind: string, ratio?: number) =>
    orgSchema.shape.teams.element.parse({ id: 't', name: 'T', kind, office: 'mitte', caseloadRatio: ratio });

  it('defaults to 1:150 for Ü25 and 1:75 for U25 (R13)', () => {
    expect(caseloadRatio(team('fm_ue25'))).toBe(150);
    expect(caseloadRatio(team('fm_u25'))).toBe(75);
  });

  it('uses the team setting where the jobcenter differs, e.g. 1:75 for Ü25 (R14)', () => {
    expect(caseloadRatio(team('fm_ue25', 75))).toBe(75);
  });

  it('gives M&I teams no FM caseload', () => {
    expect(caseloadRatio(team('mi'))).toBe(0);
  });
});

describe('team duty settings (R28–R32)', () => {
  it('R28–R32: repeats an overdue duty reminder every 14 days unless jobcenter.dutyRepeatDays says otherwise', () => {
    const parsed = parseOrg(baseOrg());
    expect(parsed.ok && parsed.org.jobcenter.dutyRepeatDays).toBe(14);
    const weekly = baseOrg();
    (weekly.jobcenter as Record<string, unknown>).dutyRepeatDays = 7;
    const result = parseOrg(weekly);
    expect(result.ok && result.org.jobcenter.dutyRepeatDays).toBe(7);
  });

  it('R28–R32: reports a bad dutyRepeatDays in German, naming the field', () => {
    const withRepeat = (value: unknown) => problemsAfter((o) => ((o.jobcenter as Record<string, unknown>).dutyRepeatDays = value));
    expect(withRepeat(0)).toEqual(['jobcenter.dutyRepeatDays: muss mindestens 1 sein']);
    expect(withRepeat(120)).toEqual(['jobcenter.dutyRepeatDays: darf höchstens 90 sein']);
    expect(withRepeat(2.5)).toEqual(['jobcenter.dutyRepeatDays: erwartet eine ganze Zahl, gefunden die Zahl 2,5']);
    expect(withRepeat('14')).toEqual(['jobcenter.dutyRepeatDays: erwartet eine Zahl, gefunden den Text „14“']);
  });

  it('R31: exchange partners are other FM teams, named on FM teams only', () => {
    const withU25 = (change: (o: RawOrg) => void) =>
      problemsAfter((o) => {
        o.teams.push({ id: 'fm-u25', name: 'FM U25', kind: 'fm_u25', office: 'mitte' });
        change(o);
      });
    expect(withU25((o) => (o.teams[0]!.fmExchangePartners = ['fm-u25']))).toEqual([]);
    expect(withU25((o) => (o.teams[0]!.fmExchangePartners = []))).toEqual([]);
    expect(withU25((o) => (o.teams[0]!.fmExchangePartners = ['fm-u52', 'fm-ue25', 'mi-1']))).toEqual([
      'teams[0].fmExchangePartners[0]: unbekanntes Team „fm-u52“',
      'teams[0].fmExchangePartners[1]: ein FM-Team ist nicht sein eigener Austauschpartner (R31)',
      'teams[0].fmExchangePartners[2]: „mi-1“ ist kein FM-Team; Austauschpartner (R31) sind andere FM-Teams',
    ]);
    expect(withU25((o) => (o.teams[1]!.fmExchangePartners = ['fm-u25']))).toEqual([
      'teams[1].fmExchangePartners: Austauschpartner (R31) gibt es nur bei FM-Teams; dieses Team ist ein M&I-Team',
    ]);
    expect(withU25((o) => (o.teams[0]!.fmExchangePartners = 'fm-u25'))).toEqual([
      'teams[0].fmExchangePartners: erwartet eine Liste […], gefunden den Text „fm-u25“',
    ]);
  });

  it('R30: sharesFmMeeting is a yes/no on M&I teams', () => {
    expect(problemsAfter((o) => (o.teams[1]!.sharesFmMeeting = true))).toEqual([]);
    expect(problemsAfter((o) => (o.teams[1]!.sharesFmMeeting = 'ja'))).toEqual([
      'teams[1].sharesFmMeeting: erwartet true oder false, gefunden den Text „ja“',
    ]);
    expect(problemsAfter((o) => (o.teams[0]!.sharesFmMeeting = false))).toEqual([
      'teams[0].sharesFmMeeting: gibt es nur bei M&I-Teams: ob das Team an der Besprechung des FM-Teams teilnimmt (R30)',
    ]);
  });
});
