/**
 * German texts of the configuration: problems in the organisation file (`fm-lotse org check`) and in the
 * environment (start-up errors). Operators read these, so each one says what is wrong and how to fix it.
 */
import type { $ZodRawIssue } from 'zod/v4/core';

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
const quote = (value: unknown): string => `„${String(value)}“`;
const germanDate = (iso: string): string => iso.split('-').reverse().join('.');

const TEAM_KIND_LABELS: Record<string, string> = {
  fm_u25: 'FM-Team U25',
  fm_ue25: 'FM-Team Ü25',
  mi: 'M&I-Team',
};
const teamKindLabel = (kind: string): string => TEAM_KIND_LABELS[kind] ?? kind;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'eine Liste';
  switch (typeof value) {
    case 'string':
      return `den Text ${quote(value)}`;
    case 'number':
      return `die Zahl ${number.format(value)}`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'ein Objekt';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'einen Text',
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  boolean: 'true oder false',
  array: 'eine Liste […]',
  object: 'ein Objekt {…}',
};

/**
 * German messages for zod's generic issues. Passed per parse (not via z.config) so other schemas in the
 * process keep their own messages; schema-specific messages below take precedence over this map.
 */
export function zodIssueText(issue: $ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Pflichtangabe fehlt';
      return `erwartet ${EXPECTED[issue.expected] ?? issue.expected}, gefunden ${typeName(issue.input)}`;
    case 'invalid_value':
      if (issue.values.length === 1) return `erwartet ${quote(issue.values[0])}, gefunden ${typeName(issue.input)}`;
      return `unzulässiger Wert ${quote(issue.input)}; erlaubt: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'darf nicht leer sein';
      if (issue.origin === 'array') {
        return Number(issue.minimum) === 1 ? 'braucht mindestens einen Eintrag' : `braucht mindestens ${number.format(Number(issue.minimum))} Einträge`;
      }
      return `muss ${issue.inclusive ? 'mindestens' : 'größer als'} ${number.format(Number(issue.minimum))} sein`;
    case 'too_big':
      if (issue.origin === 'string') return `höchstens ${number.format(Number(issue.maximum))} Zeichen`;
      if (issue.origin === 'array') return `höchstens ${number.format(Number(issue.maximum))} Einträge`;
      return `darf ${issue.inclusive ? 'höchstens' : 'nur kleiner als'} ${number.format(Number(issue.maximum))} sein`;
    case 'invalid_format':
      return `ungültiges Format ${quote(issue.input)}`;
    default:
      return 'ungültiger Wert';
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'nicht gefunden',
  EACCES: 'keine Leserechte',
  EPERM: 'keine Leserechte',
  EISDIR: 'ist ein Verzeichnis',
};

export const orgText = {
  /** Label of a problem that concerns the file as a whole (empty JSON path). */
  wholeFile: '(gesamte Datei)',
  ok: 'ok',
  fileUnreadable: (path: string, code: string | undefined) =>
    `Datei ${quote(path)} kann nicht gelesen werden (${FILE_ERRORS[code ?? ''] ?? code ?? 'unbekannter Fehler'}). Pfad prüfen oder FM_LOTSE_ORG anpassen.`,
  invalidJson: (reason: string) => `kein gültiges JSON: ${reason}`,

  idFormat: 'ID: nur Buchstaben, Ziffern und . _ : - (höchstens 64 Zeichen)',
  invalidDate: (input: unknown) => `kein gültiges Datum ${quote(input)} (Format JJJJ-MM-TT, z. B. 2026-12-21)`,
  absenceEndsBeforeStart: (from: string, to: string) =>
    `Ende ${germanDate(to)} liegt vor dem Beginn ${germanDate(from)}`,
  fteRange: (input: unknown) =>
    `Stellenanteil (fte) muss zwischen 0,1 und 1,0 liegen, gefunden: ${typeof input === 'number' ? number.format(input) : String(input)}`,
  caseloadRatio: (input: unknown) => `Betreuungsschlüssel muss eine ganze Zahl größer 0 sein, gefunden: ${String(input)}`,
  unknownHolidayRegion: (input: unknown) =>
    `unbekannte Feiertagsregion ${quote(input)}; erwartet Land-Bundesland wie „DE-HB“ (Bremen) oder „DE-NI“ (Niedersachsen)`,
  timezone: (input: unknown) => `nur „Europe/Berlin“ wird unterstützt, gefunden ${quote(input)}`,

  duplicateId: (id: string, firstPath: string) => `doppelte ID ${quote(id)} (schon bei ${firstPath})`,
  duplicateUserId: (userId: string, firstPath: string) =>
    `Benutzerkennung ${quote(userId)} ist schon bei ${firstPath} eingetragen; jede Person braucht eine eigene`,
  unknownTeam: (id: string) => `unbekanntes Team ${quote(id)}`,
  unknownOffice: (id: string) => `unbekannte Geschäftsstelle ${quote(id)}`,
  unknownPerson: (id: string) => `unbekannte Person ${quote(id)}`,
  teamRequired: (roles: string[]) =>
    `Team fehlt: für die Rolle${roles.length > 1 ? 'n' : ''} ${roles.map(quote).join(', ')} ist „team“ Pflicht`,
  ifkOutsideMi: (teamId: string, kind: string) =>
    `Integrationsfachkräfte (Rolle „ifk“) gehören zu einem M&I-Team; ${quote(teamId)} ist ein ${teamKindLabel(kind)}`,
  fmOutsideFm: (teamId: string, kind: string) =>
    `Fallmanager:innen (Rolle „fm“) gehören zu einem FM-Team (U25 oder Ü25); ${quote(teamId)} ist ein ${teamKindLabel(kind)}`,
  contactFmOnlyMi: (kind: string) =>
    `eine Kontakt-Fallmanager:in gibt es nur bei M&I-Teams (R30); dieses Team ist ein ${teamKindLabel(kind)}`,
  contactFmNotFm: (id: string) => `${quote(id)} hat nicht die Rolle „fm“ und kann nicht Kontakt-Fallmanager:in sein (R30)`,
  deputySelf: 'eine Person kann nicht ihre eigene Vertretung sein',
};

export const envText = {
  heading: 'Die Konfiguration ist unvollständig oder fehlerhaft:',
  now: (value: unknown) =>
    `kein ISO-8601-Zeitpunkt ${quote(value)}; Beispiele: 2026-03-02T08:00:00+01:00, 2026-03-02T07:00:00Z oder 2026-03-02T08:00 (Berliner Zeit)`,
  port: (value: unknown) => `erwartet eine ganze Zahl von 0 bis 65535, gefunden ${quote(value)}`,
  url: (value: unknown) => `keine http(s)-URL ${quote(value)}, z. B. http://127.0.0.1:4000/api/`,
  logLevel: (value: unknown, allowed: readonly string[]) => `unbekannte Stufe ${quote(value)}; erlaubt: ${allowed.join(', ')}`,
  flag: (value: unknown) => `erwartet „1“ (an) oder „0“ (aus), gefunden ${quote(value)}`,

  slackMissing: (missing: string, present: string[]) =>
    `${missing} fehlt: ${present.join(' und ')} ${present.length > 1 ? 'sind' : 'ist'} gesetzt, aber Slack braucht ` +
    'SLACK_BOT_TOKEN zusammen mit SLACK_SIGNING_SECRET (HTTP) oder mit SLACK_APP_TOKEN (Socket Mode). ' +
    `${missing} ergänzen (Slack-App-Verwaltung unter api.slack.com/apps) oder ${present.join(' und ')} entfernen, um ohne Slack zu starten.`,
  slackTokenSwapped: (name: string, expectedPrefix: string) =>
    `${name}: sieht nicht nach dem richtigen Token aus (erwartet ${quote(expectedPrefix + '…')}); sind SLACK_BOT_TOKEN und SLACK_APP_TOKEN vertauscht?`,
  teamsMissing: (missing: string[], present: string[]) =>
    `${missing.join(' und ')} ${missing.length > 1 ? 'fehlen' : 'fehlt'}: Microsoft Teams braucht MICROSOFT_APP_ID, ` +
    'MICROSOFT_APP_PASSWORD und MICROSOFT_APP_TENANT_ID (Single-Tenant-App im Azure-Portal). ' +
    `Die fehlenden Werte ergänzen oder ${present.join(' und ')} entfernen, um ohne Teams zu starten.`,
  teamsNoAuthHost: (host: string) =>
    `TEAMS_LOCAL_NOAUTH=1 startet Teams ohne jede Anmeldung und ist nur für lokale Tests erlaubt: HOST muss „127.0.0.1“ sein (ist ${quote(host)}).`,
  teamsNoAuthWithCredentials:
    'TEAMS_LOCAL_NOAUTH=1 und MICROSOFT_APP_* schließen sich aus: für den Betrieb TEAMS_LOCAL_NOAUTH entfernen, für lokale Tests die MICROSOFT_APP_*-Variablen.',
};
