/**
 * The fake Slack Web API in a process of its own (bench/ack.ts): the load generator's event loop then only
 * sends requests and takes their times, and FM-Lotse's replies to the fake do not delay those times. Prints
 * `FAKE <api url>` when listening; ends when its stdin closes.
 */
import { FakeSlack } from '../test/support/fakeSlack.js';

const fake = await FakeSlack.start();
console.log(`FAKE ${fake.apiUrl}`);
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.close().finally(() => process.exit(0));
});
