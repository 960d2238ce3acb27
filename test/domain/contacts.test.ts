import { describe, expect, it } from 'vitest';
import { CONTACT_KINDS, isContactKind, isQualifiedContact, summarizeContacts } from '../../src/domain/contacts.js';

describe('contact kinds and which count for the yearly minimum (R16)', () => {
  it('offers the eleven contact kinds and the two kinds of attempt to reach the client (R23)', () => {
    expect([...CONTACT_KINDS].sort()).toEqual(
      [
        'aufsuchend',
        'kooperationsplan',
        'netzwerk',
        'persoenlich',
        'profiling',
        'reha',
        'standort',
        'strategie',
        'telefon',
        'vermerk',
        'video',
        'versuch-brief',
        'versuch-telefon',
      ].sort(),
    );
    expect(isContactKind('telefon')).toBe(true);
    expect(isContactKind('email')).toBe(false);
  });

  it('counts counselling in person, by phone, by video and outreach (R16)', () => {
    for (const kind of ['persoenlich', 'telefon', 'video', 'aufsuchend']) expect(isQualifiedContact(kind)).toBe(true);
  });

  it('counts the documented steps of the concept: plan, location, FM note, profiling, strategy, rehab (R16)', () => {
    for (const kind of ['kooperationsplan', 'standort', 'vermerk', 'profiling', 'strategie', 'reha']) {
      expect(isQualifiedContact(kind)).toBe(true);
    }
  });

  it('R16/R23: an unanswered letter or call is an attempt, not a contact — it neither counts nor restarts the interval', () => {
    expect(isQualifiedContact('versuch-brief')).toBe(false);
    expect(isQualifiedContact('versuch-telefon')).toBe(false);
    const attempts = [
      { kind: 'persoenlich', on: '2026-01-10' },
      { kind: 'versuch-brief', on: '2026-03-01' },
      { kind: 'versuch-telefon', on: '2026-03-05' },
    ];
    expect(summarizeContacts(attempts, '2026-03-10')).toEqual({ lastContactOn: '2026-01-10', contactsLastYear: 1 });
  });

  it('does not count a talk with a network partner about the client, nor unknown kinds (R16)', () => {
    expect(isQualifiedContact('netzwerk')).toBe(false);
    expect(isQualifiedContact('email')).toBe(false);
    expect(isQualifiedContact('')).toBe(false);
  });
});

describe('summarizeContacts', () => {
  const today = '2026-06-15';

  it('counts qualified contacts in the 365 days up to and including today', () => {
    const contacts = [
      { kind: 'persoenlich', on: '2025-06-15' }, // 365 days ago: outside
      { kind: 'telefon', on: '2025-06-16' }, // first day of the window
      { kind: 'kooperationsplan', on: '2026-01-10' },
      { kind: 'netzwerk', on: '2026-03-01' }, // not qualified
      { kind: 'persoenlich', on: today },
      { kind: 'persoenlich', on: '2026-06-16' }, // booked for tomorrow
    ];
    expect(summarizeContacts(contacts, today)).toEqual({ lastContactOn: today, contactsLastYear: 3 });
  });

  it('does not let a network talk restart the contact interval', () => {
    const contacts = [
      { kind: 'video', on: '2026-04-01' },
      { kind: 'netzwerk', on: '2026-05-20' },
    ];
    expect(summarizeContacts(contacts, today)).toEqual({ lastContactOn: '2026-04-01', contactsLastYear: 1 });
  });

  it('knows no last contact for a case without qualified contacts', () => {
    expect(summarizeContacts([{ kind: 'netzwerk', on: '2026-05-20' }], today)).toEqual({ contactsLastYear: 0 });
  });
});
