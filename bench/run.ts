/**
 * Runs every benchmark, one after the other (`npm run bench`), or only those named on the command line
 * (`npm run bench -- assignment`). Add a bench by adding a line to BENCHES.
 */
import { createLogger, useLogger } from '../src/app/log.js';
import { benchAck } from './ack.js';
import { benchAssignment } from './assignment.js';
import { benchControlling } from './controlling.js';
import { benchDue } from './due.js';
import { benchRateLimit } from './rateLimit.js';
import { benchPromptDelivery } from './promptDelivery.js';

const BENCHES: Record<string, () => Promise<void>> = {
  ack: async () => void (await benchAck()),
  assignment: () => benchAssignment(),
  due: () => benchDue(),
  ratelimit: () => benchRateLimit(),
  controlling: () => benchControlling(),
  delivery: async () => void (await benchPromptDelivery()),
};

// The benches print their figures; the program's own info lines (one per message sent) would bury them.
useLogger(createLogger({ level: 'warn', format: 'pretty' }));

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await bench();
}
