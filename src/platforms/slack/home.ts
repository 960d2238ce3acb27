/**
 * The Slack App Home: each person's own overview (src/app/home.ts) published with views.publish when they open the
 * Home tab (`app_home_opened`) and again after each of their own commands, clicks and form submissions, once they
 * have opened it. The Home tab is visible to that person only.
 */
import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotApi } from '../../messaging/ports.js';
import { renderBlocks, type People } from './render.js';

/** Slack allows 100 blocks in a Home view. */
const MAX_HOME_BLOCKS = 100;

export function register(app: App, bot: BotApi, people: People): void {
  /** Who opened the Home tab since the start: their view follows their own changes. */
  const opened = new Set<string>();

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    opened.add(event.user);
    await publishHome(client, bot, event.user, people);
  });

  // After the person's own command, click or form submission (their listener has finished), their Home follows.
  app.use(async (args) => {
    await args.next();
    const userId = actingUser(args.body);
    if (userId !== undefined && opened.has(userId)) await publishHome(args.client, bot, userId, people);
  });
}

function actingUser(body: AnyMiddlewareArgs['body']): string | undefined {
  const b = body as { type?: string; user_id?: unknown; user?: { id?: unknown } };
  if (b.type === 'event_callback') return undefined; // events (thread replies, the Home itself) publish nothing here
  if (typeof b.user_id === 'string') return b.user_id; // slash command
  if (typeof b.user?.id === 'string') return b.user.id; // block action, view submission
  return undefined;
}

export async function publishHome(client: WebClient, bot: BotApi, userId: string, people: People): Promise<void> {
  const home = bot.home?.({ platform: 'slack', userId });
  if (!home) return;
  const blocks = renderBlocks(home.blocks, people).slice(0, MAX_HOME_BLOCKS);
  await client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
}
