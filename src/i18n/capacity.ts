/**
 * German texts of the capacity decision (R4): rows above capacity wait for the FM team lead, who assigns them
 * to a named FM beyond capacity, moves their intake deadline or returns them to the IFK. Channel texts carry
 * case codes and FM names only; the client reference and the reason go by direct message.
 */

const cases = (n: number): string => `${n} ${n === 1 ? 'Fall' : 'Fälle'}`;
const days = (n: number): string => `${n} ${n === 1 ? 'Arbeitstag' : 'Arbeitstage'}`;

export type CapacityChoice = 'zuweisen' | 'verschieben' | 'zurueckgeben';
export const CAPACITY_CHOICES: readonly CapacityChoice[] = ['zuweisen', 'verschieben', 'zurueckgeben'];

export const capacityTexts = {
  // --- the round (channel) -------------------------------------------------------------------------------
  rowWaiting: (id: number | undefined) =>
    id === undefined ? ' · ⏸ über Kapazität – wartet auf die Teamleitung (R4)' : ` · ⏸ über Kapazität – wartet auf die Teamleitung (Eskalation Nr. ${id}, R4)`,
  rowHeld: (code: string, fmName: string | undefined) =>
    `${code} → ${fmName ? `vorgeschlagen ${fmName}, ` : ''}nicht zugewiesen: über Kapazität, entscheidet die Teamleitung (R4)`,
  heldNote: (codes: string[], id: number | undefined) =>
    `Über Kapazität und daher noch nicht zugewiesen: ${codes.join(', ')}. Sie bleiben vorgemerkt, bis die Teamleitung entscheidet` +
    (id === undefined ? ' (R4).' : ` (Eskalation Nr. ${id}, R4).`),

  // --- the decision: outcome sentences (channel-safe) -----------------------------------------------------
  outcomeHeading: 'Entschieden (R4):',
  lineAssigned: (code: string, fmName: string) => `${code} → ${fmName} zugewiesen, über die Kapazität`,
  lineDeferred: (code: string, from: string, to: string) => `${code}: Übernahmefrist vom ${from} auf den ${to} verschoben`,
  lineReturned: (code: string) => `${code}: an die IFK zurückgegeben`,
  lineNoFm: (code: string) => `${code}: bleibt vorgemerkt – keine Fallmanager:in vorgeschlagen, geht in die nächste Zuweisungsrunde`,
  lineUnchanged: (code: string, status: string) => `${code}: unverändert (inzwischen ${status})`,
  partialOutcome: (lines: string[], remaining: string[]) =>
    `Teilweise entschieden (R4): ${lines.join('; ')}. ` +
    (remaining.length ? `Noch offen: ${remaining.join(', ')}.` : 'Alle Fälle sind entschieden.'),
  caseDecided: (code: string, id: number) => `fall: ${code} ist in der Eskalation Nr. ${id} bereits entschieden. Es hat sich nichts geändert.`,
  caseNotInEscalation: (code: string, id: number, open: string[]) =>
    `fall: ${code} gehört nicht zur Eskalation Nr. ${id}. Noch offen sind: ${open.join(', ') || '—'}.`,
  changedMeanwhile: (id: number) => `Die Eskalation Nr. ${id} wurde inzwischen anders entschieden. Es hat sich nichts geändert.`,
  outcome: (lines: string[]) => `Entschieden (R4): ${lines.length ? lines.join('; ') : 'keine offene Vormerkung mehr betroffen'}.`,

  // --- direct messages --------------------------------------------------------------------------------------
  fmOverCapacity: 'Die Teamleitung hat entschieden, dir diesen Fall über deine Kapazität hinaus zuzuweisen (R4).',
  ifkOverCapacity: 'Zugewiesen über die Kapazität hinaus, auf Entscheidung der Teamleitung (R4).',
  deferredSummary: (code: string, to: string) => `${code}: Übernahmefrist verschoben auf den ${to}`,
  deferredText: (code: string, client: string, from: string, to: string, workingDays: number, reason: string) =>
    `Im Fallmanagement ist zurzeit keine Kapazität frei. Die Teamleitung hat entschieden (R4): Die Übernahmefrist für ${code} ` +
    `(Kundenreferenz ${client}) verschiebt sich um ${days(workingDays)} vom ${from} auf den ${to}. Die Vormerkung bleibt offen. Grund: „${reason}“.`,
  returnedSummary: (code: string) => `${code}: Vormerkung an dich zurückgegeben`,
  returnedText: (code: string, client: string, reason: string) =>
    `Die Teamleitung des Fallmanagements hat entschieden, die Vormerkung ${code} (Kundenreferenz ${client}) mangels Kapazität ` +
    `an dich zurückzugeben (R4). Die Kund:in bleibt bei dir; eine neue Vormerkung ist später möglich. Grund: „${reason}“.`,

  // --- /fm kapazitaet -----------------------------------------------------------------------------------------
  usage:
    'Bitte so: `/fm kapazitaet <Nr> zuweisen fm=<person-id>`, `/fm kapazitaet <Nr> verschieben tage=<N> grund="…"` ' +
    'oder `/fm kapazitaet <Nr> zurueckgeben grund="…"`; mit `fall=FM-…` nur für diesen Fall. Die Nummer zeigt `/fm eskalationen`.',
  notCapacity: (id: number) => `Die Eskalation Nr. ${id} ist keine Kapazitätsentscheidung (R4). Bitte \`/fm eskalation-zustimmen\` oder \`/fm eskalation-ablehnen\` verwenden.`,
  choiceUnknown: (value: string) => `entscheidung: „${value}“ gibt es nicht. Möglich: zuweisen, verschieben, zurueckgeben.`,
  fmMissing: 'fm: Bitte angeben, wem die Fälle über die Kapazität hinaus zugewiesen werden, z. B. `fm=fm-tobias`.',
  fmUnknown: (id: string, teamName: string) => `fm: „${id}“ ist keine Fallmanager:in in ${teamName}.`,
  fmOnlyForAssign: 'fm: Eine Fallmanager:in wird nur bei `zuweisen` genannt.',
  daysMissing: 'tage: Bitte angeben, um wie viele Arbeitstage die Übernahmefrist verschoben wird (1–60), z. B. `tage=10`.',
  daysRange: (value: string) => `tage: „${value}“ geht nicht – bitte eine ganze Zahl von 1 bis 60 Arbeitstagen (R4).`,
  daysOnlyForDefer: 'tage: Die Zahl der Arbeitstage gibt es nur bei `verschieben`.',
  reasonMissing:
    'grund: Bitte begründen (höchstens 300 Zeichen, keine Einzelheiten über die Person). Die Begründung geht per Direktnachricht an die IFK, nicht in den Kanal.',
  reasonTooLong: (length: number, max: number) => `grund: Bitte kürzer fassen (${length} Zeichen, höchstens ${max}).`,
  formTitle: 'Kapazität entscheiden',
  formSubmit: 'Entscheiden',
  fieldEscalation: 'Eskalation',
  fieldChoice: 'Entscheidung',
  fieldCase: 'Nur dieser Fall (leer: alle noch offenen)',
  caseFormat: (value: string) => `fall: „${value}“ ist kein Fallzeichen. Fallzeichen sehen so aus: FM-2025-0001.`,
  optionAssign: 'Über Kapazität zuweisen – an die genannte Fallmanager:in',
  optionDefer: 'Übernahmefrist um N Arbeitstage verschieben',
  optionReturn: 'An die IFK zurückgeben',
  fieldFm: 'Fallmanager:in (nur bei „zuweisen“; leer: wie vorgeschlagen)',
  fieldDays: 'Arbeitstage (nur bei „verschieben“)',
  fieldReason: 'Begründung (bei „verschieben“ und „zurückgeben“ Pflicht; geht nur an die IFK)',
  noOpen: 'Es gibt keine offene Kapazitätsentscheidung (R4), die du treffen kannst.',
  escalationOption: (id: number, codes: string[]) => `Nr. ${id} · ${cases(codes.length)}: ${codes.join(', ')}`,
  statusDecided: (at: string) => `✅ entschieden am ${at} (siehe Thread)`,
  otherDecision: 'Anders entscheiden …',
  assignButton: 'Wie vorgeschlagen zuweisen',
  /** `deferDays`: how far "ablehnen" without more moves the deadline (R4). */
  meaning: (id: number, deferDays: number) =>
    `„Wie vorgeschlagen zuweisen“: Die Fälle gehen über die Kapazität hinaus an die vorgeschlagenen Fallmanager:innen. ` +
    `„Anders entscheiden …“: an eine genannte Fallmanager:in zuweisen, die Übernahmefrist um N Arbeitstage verschieben oder an die IFK zurückgeben. ` +
    `Getippt: \`/fm kapazitaet ${id} zuweisen fm=<id>\`, \`/fm kapazitaet ${id} verschieben tage=<N> grund="…"\`, \`/fm kapazitaet ${id} zurueckgeben grund="…"\`. ` +
    `Im Thread: „zustimmen“ weist wie vorgeschlagen zu, „ablehnen <Begründung>“ verschiebt die Übernahmefrist um ${deferDays} Arbeitstage.`,
};
