/**
 * The Teams command menus (`bots[0].commandLists` of teams/manifest.json), derived from what the commands of
 * a registry declare in `teamsMenu`. `npm run teams:manifest` writes them; a test fails while they differ.
 */
import { TEAMS_SCOPES, type CommandRegistry, type TeamsScope } from './types.js';

/** Teams shows at most 12 commands per scope. */
export const TEAMS_MENU_LIMIT = 12;

export interface TeamsMenuCommand {
  title: string;
  description: string;
}

/** One entry of the manifest's `commandLists`. */
export interface TeamsCommandList {
  scopes: [TeamsScope];
  commands: TeamsMenuCommand[];
}

/** One list per scope that has members, in the manifest's scope order. */
export function teamsCommandLists(commands: CommandRegistry): TeamsCommandList[] {
  return TEAMS_SCOPES.map((scope): TeamsCommandList => ({ scopes: [scope], commands: teamsMenu(commands, scope) })).filter(
    (list) => list.commands.length > 0,
  );
}

/** The declared members of one scope, highest priority first (ties in registry order), cut at the Teams limit. */
export function teamsMenu(commands: CommandRegistry, scope: TeamsScope): TeamsMenuCommand[] {
  return commands
    .flatMap((def, index) => {
      const entry = def.teamsMenu?.[scope];
      return entry ? [{ title: def.name, description: entry.description, priority: entry.priority, index }] : [];
    })
    .sort((a, b) => b.priority - a.priority || a.index - b.index)
    .slice(0, TEAMS_MENU_LIMIT)
    .map(({ title, description }) => ({ title, description }));
}
