/**
 * The whole app in Teams for end-to-end tests: the real Teams SDK application over HTTP on 127.0.0.1 (no
 * Microsoft credentials, one configured tenant), the real Bot on a temp SQLite file with the demo
 * organisation, the real Delivery through the Teams transport, and a fake Bot Connector recording what
 * each person would see.
 */
import type { Delivery } from '../../../src/app/delivery.js';
import { createTeamsPlatform, MESSAGES_PATH, type TeamsPlatform } from '../../../src/platforms/teams/app.js';
import { FakeBotConnector } from '../../support/fakeBotConnector.js';
import { createWorld, type World } from '../../support/world.js';
import { postActivity, TENANT, type Posted, type Sender } from './activities.js';

export interface TeamsWorld extends World {
  connector: FakeBotConnector;
  platform: TeamsPlatform;
  /** The outbox delivery through the Teams transport. */
  teamsDelivery: Delivery;
  flush(): Promise<number>;
  endpoint: string;
  /** A person of the demo organisation as Teams names them. */
  sender(personId: string): Sender;
  post(activity: unknown): Promise<Posted>;
  /** Warnings and errors the platform logged. */
  logged: string[];
  shutdown(): Promise<void>;
}

export async function createTeamsWorld(now: string): Promise<TeamsWorld> {
  const world = createWorld({ now });
  const connector = await FakeBotConnector.start();
  const logged: string[] = [];
  const logger = { info() {}, warn: (...m: unknown[]) => logged.push(m.join(' ')), error: (...m: unknown[]) => logged.push(m.join(' ')) };
  const platform = createTeamsPlatform({
    auth: { auth: 'none' },
    tenantId: TENANT,
    port: 0,
    host: '127.0.0.1',
    bot: world.bot,
    org: world.org,
    store: world.store,
    clock: world.clock,
    healthy: () => world.store.isHealthy(),
    logger,
  });
  await platform.start();
  const endpoint = `http://127.0.0.1:${platform.port()}${MESSAGES_PATH}`;
  const teamsDelivery = world.delivery([platform.transport]);
  return {
    ...world,
    connector,
    platform,
    teamsDelivery,
    flush: () => teamsDelivery.flush(),
    endpoint,
    logged,
    sender(personId) {
      const person = world.org.person(personId);
      if (!person?.teamsUserId) throw new Error(`${personId} has no Teams id in the demo organisation`);
      return { id: person.teamsUserId, name: person.name };
    },
    post: (activity) => postActivity(endpoint, activity),
    async shutdown() {
      await platform.stop();
      await connector.close();
      world.close();
    },
  };
}
