/** /fm hilfe — every subcommand with an example, and the Handlungsbedarf codes. */
import { helpTexts as T } from '../src/i18n/commands.js';
import { caseHelpEntries } from '../src/i18n/cases.js';
import { escalationHelpEntries } from '../src/i18n/escalations.js';
import { lifecycleHelpEntries } from '../src/i18n/lifecycle.js';
import { dutyCommandTexts } from '../src/i18n/pings.js';
import { roundTexts } from '../src/i18n/rounds.js';
import { keyGroupLabel, needLabel } from '../src/i18n/rules.js';
import { heading, list, message, text, type Block } from '../src/messaging/reply.js';
import type { CommandDefinition } from './types.js';

export const hilfe: CommandDefinition = {
  name: 'hilfe',
  keys: [],
  maxPositionals: 0,
  run(ctx) {
    const blocks: Block[] = [heading(T.heading), text(T.intro)];
    for (const entry of [...T.entries, ...roundTexts.help, ...caseHelpEntries, ...lifecycleHelpEntries, ...dutyCommandTexts.help, ...escalationHelpEntries]) blocks.push(text(`\`${entry.usage}\`\n${entry.text}`));
    const groups = ['leistungsfaehigkeit', 'rahmenbedingungen', 'sonstige'] as const;
    blocks.push(heading(T.needsHeading));
    blocks.push(
      list(
        groups.map(
          (g) =>
            `${keyGroupLabel(g)}: ` +
            ctx.needCatalogue
              .filter((n) => n.keyGroup === g)
              .map((n) => `${n.code} (${needLabel(n.code)})`)
              .join(', '),
        ),
      ),
    );
    return message(T.heading, ...blocks);
  },
};
