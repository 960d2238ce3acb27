/**
 * Contact types an FM records, and which of them are "qualified" for the yearly minimum (R16).
 * The qualified ones mirror the VerBIS event types of the contact-management concept [KKM FM §5, annex 1].
 */
import { addDays, type LocalDate } from './time.js';

export const CONTACT_KINDS = [
  'persoenlich', // counselling talk in person (VerBIS: Beratungsvermerk)
  'telefon', // qualified phone counselling, e.g. during therapy [KKM FM §5]
  'video', // counselling by video
  'aufsuchend', // outreach counselling (R33)
  'netzwerk', // talk with a network partner about the case, without the client
  'kooperationsplan', // cooperation plan concluded (formerly EGV)
  'standort', // note on the location assessment (Standortbestimmung)
  'vermerk', // FM note (event type "Fallmanagement")
  'profiling', // profiling: need found or profile changed
  'strategie', // strategy activated or closed, successfully or not
  'reha', // rehab contact
  'versuch-brief', // attempt to reach the client by letter, no answer (R23; not a contact)
  'versuch-telefon', // attempt to reach the client by phone, not reached (R23; not a contact)
] as const;

export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * Only a talk with a network partner does not count: the concept counts contacts with the client (and
 * case conferences *with* the client, which are recorded as a counselling talk), not talks about them.
 */
const NOT_QUALIFIED: ReadonlySet<ContactKind> = new Set<ContactKind>(['netzwerk', 'versuch-brief', 'versuch-telefon']);

/**
 * R23: the ways of trying to reach a client who does not come, by kind of attempt. An unanswered letter or
 * call is no contact (R16); outreach counselling (R33) is a contact and an attempt at once.
 */
export const OUTREACH_ATTEMPT_KINDS = { 'versuch-brief': 'brief', 'versuch-telefon': 'telefon', aufsuchend: 'aufsuchend' } as const satisfies Partial<
  Record<ContactKind, string>
>;
export type OutreachWay = (typeof OUTREACH_ATTEMPT_KINDS)[keyof typeof OUTREACH_ATTEMPT_KINDS];
export const OUTREACH_WAYS: readonly OutreachWay[] = ['brief', 'telefon', 'aufsuchend'];

export function outreachWayOf(kind: string): OutreachWay | undefined {
  return (OUTREACH_ATTEMPT_KINDS as Record<string, OutreachWay>)[kind];
}

export function isContactKind(value: string): value is ContactKind {
  return (CONTACT_KINDS as readonly string[]).includes(value);
}

/** True when a contact of this kind counts towards the R16 minimum; unknown kinds never count. */
export function isQualifiedContact(kind: string): boolean {
  return isContactKind(kind) && !NOT_QUALIFIED.has(kind);
}

export interface RecordedContact {
  kind: string;
  on: LocalDate;
}

/**
 * The two figures CaseClock needs from a case's contacts as of `today`: the last qualified contact (the
 * contact interval of R13/R15 runs from it; a network talk does not reset it) and the number of qualified
 * contacts in the 365 days up to and including today (R16). Contacts dated after today are ignored.
 */
export function summarizeContacts(
  contacts: readonly RecordedContact[],
  today: LocalDate,
): { lastContactOn?: LocalDate; contactsLastYear: number } {
  const windowStart = addDays(today, -364);
  let lastContactOn: LocalDate | undefined;
  let contactsLastYear = 0;
  for (const { kind, on } of contacts) {
    if (!isQualifiedContact(kind) || on > today) continue;
    if (lastContactOn === undefined || on > lastContactOn) lastContactOn = on;
    if (on >= windowStart) contactsLastYear++;
  }
  return lastContactOn === undefined ? { contactsLastYear } : { lastContactOn, contactsLastYear };
}
