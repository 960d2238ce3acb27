/**
 * A console chat session on a test world: pipes `lines` into `runConsole` on the real bot (or the one given),
 * delivers queued messages through the console transport after every command, and returns everything printed.
 */
import { PassThrough } from 'node:stream';
import { createConsoleTransport, runConsole, type ConsoleOptions } from '../../src/platforms/console/console.js';
import type { World } from './world.js';

export async function consoleChat(
  world: World,
  lines: string[],
  options: Partial<Pick<ConsoleOptions, 'bot' | 'startAs' | 'nowText' | 'chartDir'>> = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => (printed += chunk));
  const delivery = world.delivery([createConsoleTransport({ org: world.org, output })]);
  const done = runConsole({ bot: world.bot, org: world.org, input, output, flush: () => delivery.flush(), ...options });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}
