/**
 * A seeded month with known counts for the controlling figures (R35), built through the real commands only:
 * October 2025 in the team FM Ü25 of the demo organisation.
 *
 * - 6 referrals by IFK Lena on Wed 01.10.2025: 5 on the formal route (R1 met, needs gesundheit, sucht, schulden),
 *   1 individual case (`grund=akut`, prognosis marktnah: R1 not met, needs gesundheit, sucht);
 * - the assignment round (R9) confirmed by the team lead gives all 6 to the team's FMs;
 * - 1 formal referral declined (R12); 3 taken in on time on 10.10.2025, 1 late on 24.10.2025 (deadline 21.10.2025, R4);
 * - of the 4 active cases: 1 ended with `integration` on 28.10.2025 (R22: planned by the FM, return talk confirmed by the IFK the same day, R26); 1 reviewed on 29.10.2025 (R20) and
 *   its needs sucht, schulden recorded as resolved (R35); the IFK objects to the planned return of another (R25);
 * - the team lead enters a potential of 7 from VerBIS for 10.2025;
 * - the decline gives the coded occasion `anlass=keine-mitwirkung` (R12, R35).
 *
 * And in the team FM U25 (R35: stays over 24 months by the coded occasion of the extension that carried them there):
 * - 4 referrals by IFK Nele on Mon 04.09.2023, all taken in on 11.09.2023 (planned end 11.09.2025, R18);
 * - on 04.08.2025 two of them extended with `anlass=therapie`, one typed without a code („ohne Angabe“); the fourth is
 *   not extended („ohne Verlängerung“); on 15.09.2025 the first is extended again with `anlass=fortschritt` — its stay
 *   beyond 24 months still counts under the first extension's code;
 * - 1 more referral on 01.10.2025, declined on 06.10.2025 with a typed line without a code („ohne Angabe“).
 */
import { referralLine } from '../support/build.js';
import type { Harness } from './lifecycle.support.js';

export interface SeededMonth {
  /** The case codes, by what happened to them. */
  declined: string;
  onTime: string[];
  late: string;
  individual: string;
  ended: string;
  reviewed: string;
  objected: string;
  /** FM U25: the cases over 24 months, by the occasion of their first extension. */
  therapy: string[];
  uncoded: string;
  unextended: string;
  /** FM U25: the referral declined in October without a code. */
  declinedU25: string;
  /** Customer numbers used (none may appear in any figure). */
  clients: string[];
  /** The free texts given (none may appear in any figure). */
  texts: string[];
}

const code = (reply: string): string => /FM-\d{4}-\d{4}/.exec(reply)![0];

export function seedOctober(h: Pick<Harness, 'at' | 'ok' | 'world'>): SeededMonth {
  const clients = ['111A000001', '111A000002', '111A000003', '111A000004', '111A000005', '111A000006'];
  const texts = ['Kundin zieht nach Hamburg', 'Kunde möchte weiter betreut werden', 'Therapie in der Fachklinik', 'Ausbildung beginnt bald', 'Wohnung erst gesichert'];
  const u25Clients = ['222A000001', '222A000002', '222A000003', '222A000004', '222A000005'];
  const fmOf = (c: string) => h.world.store.cases.byCode(c)!.assignedFmId!;

  // FM U25: four cases taken in two years earlier (R35: stays over 24 months and the extensions' codes).
  h.at('2023-09-04T09:00:00+02:00');
  const long = u25Clients.slice(0, 4).map((kunde) => code(h.ok('ifk-nele', referralLine({ kunde, gruppe: 'u25' }))));
  h.ok('tl-fm-u25', 'runde');
  h.ok('tl-fm-u25', 'runde bestaetigen');
  h.at('2023-09-11T10:00:00+02:00');
  for (const c of long) h.ok(fmOf(c), `uebernahme ${c} datum=11.09.2023 warm=ja ziele=ja`);
  const [t1, t2, uncoded, unextended] = long as [string, string, string, string];
  h.at('2025-08-04T10:00:00+02:00');
  h.ok(fmOf(t1), `verlaengern ${t1} monate=6 anlass=therapie grund="${texts[2]}"`);
  h.ok(fmOf(t2), `verlaengern ${t2} monate=12 anlass=therapie grund="${texts[2]}"`);
  h.ok(fmOf(uncoded), `verlaengern ${uncoded} monate=6 grund="${texts[4]}"`);
  h.at('2025-09-15T10:00:00+02:00');
  h.ok(fmOf(t1), `verlaengern ${t1} monate=6 anlass=fortschritt grund="${texts[3]}"`);

  h.at('2025-10-01T09:00:00+02:00');
  const formal = clients.slice(0, 5).map((kunde) => code(h.ok('ifk-lena', referralLine({ kunde }))));
  const individual = code(
    h.ok('ifk-lena', referralLine({ kunde: clients[5], zugang: 'einzelfall', grund: 'akut', prognose: 'marktnah', hb: 'gesundheit,sucht' })),
  );

  const declinedU25 = code(h.ok('ifk-nele', referralLine({ kunde: u25Clients[4], gruppe: 'u25' })));

  h.ok('tl-fm-ue25', 'runde');
  h.ok('tl-fm-ue25', 'runde bestaetigen');
  h.ok('tl-fm-u25', 'runde');
  h.ok('tl-fm-u25', 'runde bestaetigen');

  const [declined, a, b, c, late] = formal as [string, string, string, string, string];
  h.at('2025-10-06T10:00:00+02:00');
  h.ok(fmOf(declined), `ablehnen ${declined} anlass=keine-mitwirkung grund="${texts[0]}"`);
  h.ok(fmOf(declinedU25), `ablehnen ${declinedU25} grund="${texts[0]}"`); // typed without a code: „ohne Angabe“
  h.at('2025-10-10T10:00:00+02:00');
  for (const onTime of [a, b, c]) h.ok(fmOf(onTime), `uebernahme ${onTime} datum=10.10.2025 warm=ja ziele=ja`);
  h.at('2025-10-24T10:00:00+02:00');
  h.ok(fmOf(late), `uebernahme ${late} datum=24.10.2025 warm=ja ziele=ja`);

  h.at('2025-10-28T10:00:00+01:00');
  h.ok(fmOf(a), `abgang ${a} grund=integration`);
  h.ok('ifk-lena', `rueckgabe ${a} bestaetigt`); // the return talk took place: the case ends (R26)
  h.at('2025-10-29T10:00:00+01:00');
  h.ok(fmOf(b), `pruefung ${b}`);
  h.ok(fmOf(b), `bedarf ${b} erledigt=sucht,schulden`);
  h.ok(fmOf(c), `abgang ${c} grund=kunde-lehnt-ab`); // planned exit (R26) …
  h.ok('ifk-lena', `rueckgabe ${c} widerspruch grund="${texts[1]}"`); // … the IFK objects: the two leads decide (R25)

  h.ok('tl-fm-ue25', 'kennzahlen potenzial=7 monat=10.2025');
  return {
    declined,
    onTime: [a, b, c],
    late,
    individual,
    ended: a,
    reviewed: b,
    objected: c,
    therapy: [t1, t2],
    uncoded,
    unextended,
    declinedU25,
    clients: [...clients, ...u25Clients],
    texts,
  };
}

/** The part of a reply that shows one team's figures (up to the next team's heading). */
export function teamPart(reply: string, teamName: string): string {
  const start = reply.indexOf(`Kennzahlen ${teamName}`);
  if (start < 0) throw new Error(`no team „${teamName}“ in:\n${reply}`);
  const next = reply.indexOf('Kennzahlen ', start + 1);
  return reply.slice(start, next < 0 ? undefined : next);
}

/** The value(s) of a figure line `Label: v1 | v2` in a plain-text reply. */
export function figureValues(reply: string, label: string): string[] {
  const line = reply.split('\n').find((l) => l.startsWith(`${label}: `));
  if (line === undefined) throw new Error(`no figure „${label}“ in:\n${reply}`);
  return line.slice(label.length + 2).split(' | ');
}
