/** The registry of /fm subcommands. */
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
import { pruefung } from './pruefung.js';
import { roundActions, runde } from './runde.js';
import { standort } from './standort.js';
import { team } from './team.js';
import { besuch, termin } from './termin.js';
import { uebergang } from './uebergang.js';
import { uebernahme } from './uebernahme.js';
import { verlaengern } from './verlaengern.js';
import { verlauf } from './verlauf.js';
import { vormerken } from './vormerken.js';
import { vormerkungen } from './vormerkungen.js';
import type { ActionDefinition, CommandDefinition } from './types.js';

export const COMMANDS: readonly CommandDefinition[] = [
  hilfe, vormerken, vormerkungen, runde, uebernahme, ablehnen, uebergang, team,
  meine, fall, kontakt, massnahme, gutachten, pruefung, standort, verlaengern, abgang, abwesend, termin, besuch,
  eskalieren, verlauf, eskalationZustimmen, eskalationAblehnen,
];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export const ACTIONS: readonly ActionDefinition[] = [...roundActions, ...dueActions, ...escalationActions];

export function findAction(actionId: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.actionId === actionId);
}
