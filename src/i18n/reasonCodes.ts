/**
 * German texts of the coded occasions (`anlass=`) of a decline (R12) and an extension (R19): the labels shown in
 * the forms, replies and the controlling figures (R35), and the refusals of a wrong code.
 */
import type { DeclineCode, ExtensionCode } from '../domain/vocabulary.js';

export const DECLINE_CODE_LABELS: Record<DeclineCode, string> = {
  'keine-mitwirkung': 'Mitwirkung verweigert',
  'nicht-erreicht': 'nicht erreicht / Übergabegespräch versäumt',
  'kriterien-fehlen': 'Zugangsvoraussetzungen nicht erfüllt',
  'anderes-angebot': 'anderes Angebot passender',
  zustaendigkeit: 'Zuständigkeitswechsel',
  sonstiges: 'sonstiger Grund',
};

export const EXTENSION_CODE_LABELS: Record<ExtensionCode, string> = {
  fortschritt: 'Integrationsfortschritt absehbar',
  massnahme: 'laufende Maßnahme abschließen',
  therapie: 'lange (Sucht-)Therapie',
  arbeitsaufnahme: 'Arbeitsaufnahme begleiten',
  sonstiges: 'sonstiger Grund',
};

/** A record made before the code existed, or without one (R35: counted, never guessed). */
export const NO_CODE_LABEL = 'ohne Angabe';
/** A case past 24 months without any granted extension (its planned end has passed, R18/R19). */
export const NO_EXTENSION_LABEL = 'ohne Verlängerung';

export const reasonCodeTexts = {
  fieldDecline: 'Anlass der Ablehnung',
  fieldExtension: 'Anlass der Verlängerung',
  hintCode: 'Für die Kennzahlen (R35) – die Begründung steht im Feld darunter.',
  factCode: 'Anlass',
  unknown: (value: string, allowed: readonly string[], rule: string) =>
    `anlass: „${value}“ gibt es nicht. Möglich sind: ${allowed.join(', ')} (${rule}).`,
};

export function declineCodeLabel(code: string | undefined): string {
  return code === undefined ? NO_CODE_LABEL : (DECLINE_CODE_LABELS[code as DeclineCode] ?? code);
}

export function extensionCodeLabel(code: string | undefined): string {
  return code === undefined ? NO_CODE_LABEL : (EXTENSION_CODE_LABELS[code as ExtensionCode] ?? code);
}
