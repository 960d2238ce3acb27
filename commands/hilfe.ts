/** /fm hilfe — every subcommand of the registry with an example, and the Handlungsbedarf codes. */
import { commandHelp, helpTexts as T, teamsMenuTexts } from '../src/i18n/help.js';
import { keyGroupLabel, needLabel } from '../src/i18n/rules.js';
import { heading, list, message, text, type Block, type Message } from '../src/messaging/reply.js';
import { EVERYONE, type CommandContext, type CommandDefinition, type CommandRegistry } from './types.js';

export const hilfe: CommandDefinition = {
  name: 'hilfe',
  roles: EVERYONE,
  helpOrder: 10,
  readOnly: true,
  help: commandHelp.hilfe,
  teamsMenu: {
    personal: { priority: 120, description: teamsMenuTexts.hilfe },
    team: { priority: 120, description: teamsMenuTexts.hilfe },
    groupChat: { priority: 120, description: teamsMenuTexts.hilfe },
  },
  keys: [],
  maxPositionals: 0,
  run: (ctx, _input, commands) => helpMessage(ctx, commands),
};

/**
 * Everyone sees every command, in registry order: the entries say who may use a command, and knowing what
 * colleagues can do helps to ask them.
 */
export function helpMessage(ctx: CommandContext, commands: CommandRegistry): Message {
  const blocks: Block[] = [heading(T.heading), text(T.intro)];
  for (const entry of commands.flatMap((c) => c.help)) blocks.push(text(`\`${entry.usage}\`\n${entry.text}`));
  blocks.push(heading(T.needsHeading), list(needLines(ctx)));
  return message(T.heading, ...blocks);
}

/** The need codes (hb=…) per key group, with their labels. */
function needLines(ctx: CommandContext): string[] {
  const groups = ['leistungsfaehigkeit', 'rahmenbedingungen', 'sonstige'] as const;
  return groups.map(
    (g) =>
      `${keyGroupLabel(g)}: ` +
      ctx.needCatalogue
        .filter((n) => n.keyGroup === g)
        .map((n) => `${n.code} (${needLabel(n.code)})`)
        .join(', '),
  );
}
