/**
 * /fm gutachten FM-… ja|nein — a medical or psychological report is pending (or has arrived). Meanwhile
 * there are no contact reminders: the next appointment follows when the documents arrive (R15).
 */
import { reportTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { caseSwitchCommand } from './massnahme.js';
import { EVERYONE } from './types.js';

export const gutachten = caseSwitchCommand({
  name: 'gutachten',
  roles: EVERYONE,
  helpOrder: 110,
  help: commandHelp.gutachten, // described in massnahme's entry
  teamsMenu: {
    team: { priority: 40, description: M.gutachten },
  },
  key: T.key,
  field: 'reportPending',
  action: 'case.report',
  texts: T,
  fieldLabel: T.fieldAusstehend,
  notes: (_ctx, _record, on) => [on ? T.pausedText : T.resumedText],
});
