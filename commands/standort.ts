/**
 * /fm standort FM-… [datum=…] — the location talk after two years (R21), which decides whether FM goes on
 * (extension, R19) or ends (exit, R22). Once recorded, it is no longer reminded of.
 */
import { formatGermanDate } from '../src/domain/time.js';
import { lifecycleTexts as L, locationTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { caseTalkCommand } from './pruefung.js';
import { EVERYONE } from './types.js';

export const standort = caseTalkCommand({
  name: 'standort',
  roles: EVERYONE,
  helpOrder: 130,
  help: commandHelp.standort, // described in pruefung's entry
  teamsMenu: {
    team: { priority: 20, description: M.standort },
  },
  field: 'locationTalkOn',
  action: 'case.location_talk',
  dueKind: 'location_talk',
  texts: T,
  note: T.next,
  describe: (_ctx, record) => (record.intakeOn ? T.optionIntake(formatGermanDate(record.intakeOn)) : L.none),
});
