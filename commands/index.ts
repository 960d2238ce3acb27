/**
 * The registry of /fm subcommands. The one list to extend for a new subcommand: everything else — routing,
 * role check, /fm hilfe (in this order), the console's form walk-through and the Teams command menus
 * (`npm run teams:manifest`) — comes from what each command file declares.
 */
import { abgang } from './abgang.js';
import { ablehnen } from './ablehnen.js';
import { abwesend } from './abwesend.js';
import { dueActions } from './dueActions.js';
import { escalationActions, eskalationAblehnen, eskalationZustimmen, eskalieren } from './eskalieren.js';
import { fall } from './fall.js';
import { gutachten } from './gutachten.js';
import { hilfe } from './hilfe.js';
import { kontakt } from './kontakt.js';
import { massnahme } from './massnahme.js';
import { meine } from './meine.js';
import { nachhaltigkeit } from './nachhaltigkeit.js';
import { pruefung } from './pruefung.js';
import { recheckActions } from './recheck.js';
import { roundActions, runde } from './runde.js';
import { standort } from './standort.js';
import { stichprobe } from './stichprobe.js';
import { team } from './team.js';
import { besuch, dutyActions, termin } from './termin.js';
import { uebergang } from './uebergang.js';
import { uebernahme } from './uebernahme.js';
import { verlaengern } from './verlaengern.js';
import { verlauf } from './verlauf.js';
import { vormerken } from './vormerken.js';
import { vormerkungen } from './vormerkungen.js';
import type { ActionDefinition, CommandDefinition, CommandRegistry } from './types.js';

/** In the order of /fm hilfe: referral, round, intake, case lifecycle, own views, team duties, escalations. */
export const COMMANDS: CommandRegistry = [
  hilfe, vormerken, vormerkungen, runde, uebernahme, ablehnen, uebergang, team,
  kontakt, massnahme, gutachten, pruefung, standort, verlaengern, abgang, nachhaltigkeit, meine, fall, abwesend, termin, besuch,
  eskalieren, verlauf, eskalationZustimmen, eskalationAblehnen, stichprobe,
];

export function findCommand(name: string, commands: CommandRegistry = COMMANDS): CommandDefinition | undefined {
  return commands.find((c) => c.name === name);
}

export const ACTIONS: readonly ActionDefinition[] = [...roundActions, ...dueActions, ...escalationActions, ...recheckActions, ...dutyActions];

export function findAction(actionId: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.actionId === actionId);
}
