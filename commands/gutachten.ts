/**
 * /fm gutachten FM-… ja|nein — a medical or psychological report is pending (or has arrived). Meanwhile
 * there are no contact reminders: the next appointment follows when the documents arrive (R15).
 */
import { reportTexts as T } from '../src/i18n/lifecycle.js';
import { caseSwitchCommand } from './massnahme.js';

export const gutachten = caseSwitchCommand({
  name: 'gutachten',
  key: T.key,
  field: 'reportPending',
  action: 'case.report',
  texts: T,
  fieldLabel: T.fieldAusstehend,
  notes: (_ctx, _record, on) => [on ? T.pausedText : T.resumedText],
});
