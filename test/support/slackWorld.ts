/**
 * The whole Slack path for end-to-end tests: the real Bolt app over HTTP on 127.0.0.1, the real Bot on a
 * temp SQLite file with the demo organisation, the real Delivery, and a fake Slack Web API.
 */
import type { Delivery } from '../../src/app/delivery.js';
import { createSlackPlatform, type SlackPlatform } from '../../src/platforms/slack/app.js';
import { FakeSlack, memoryLogger } from './fakeSlack.js';
import { TEST_SIGNING_SECRET } from './slackRequests.js';
import type { Org } from '../../src/config/org.js';
import { createWorld, type World } from './world.js';

export interface SlackWorld {
  world: World;
  fake: FakeSlack;
  platform: SlackPlatform;
  delivery: Delivery;
  /** URL of Bolt's /slack/events endpoint. */
  events: string;
  close(): Promise<void>;
}

/** `now` as an ISO instant: the pinned clock of the world; `org` instead of the demo organisation. */
export async function startSlackWorld(now: string, org?: Org): Promise<SlackWorld> {
  const world = createWorld(org ? { now, org } : { now });
  const fake = await FakeSlack.start();
  const platform = createSlackPlatform({
    botToken: fake.token,
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    bot: world.bot,
    org: world.org,
    healthy: () => world.store.isHealthy(),
    logger: memoryLogger(),
  });
  await platform.start();
  return {
    world,
    fake,
    platform,
    delivery: world.delivery([platform.transport]),
    events: `http://127.0.0.1:${platform.port()}/slack/events`,
    async close() {
      await platform.stop();
      await fake.close();
      world.close();
    },
  };
}
