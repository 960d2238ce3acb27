/**
 * R35 in Teams: `/fm kennzahlen grafik=ja` typed by the team lead in the personal chat answers with the figures
 * and then one card of pictures — per chart its title and the PNG as an inline image — in that personal chat only.
 * Real Teams SDK over HTTP, the real Bot with the seeded October of the demo organisation, a fake Bot Connector.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse } from '../../../src/messaging/ports.js';
import { toPlainText } from '../../../src/messaging/reply.js';
import { cardOf, shown } from '../../support/fakeBotConnector.js';
import { decodePng } from '../../support/png.js';
import { seedOctober } from '../../commands/kennzahlen.support.js';
import { personalChatId, personalMessage } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2025-10-01T09:00:00+02:00');
  seedOctober({
    world: w,
    at: (iso) => w.clock.set(Date.parse(iso)),
    ok: (personId, line) => {
      const response: BotResponse = w.bot.handleCommand({ platform: 'console', userId: personId }, line);
      const shownText = response.kind === 'message' ? toPlainText(response.message) : JSON.stringify(response);
      expect(response.kind, shownText).toBe('message');
      return shownText;
    },
  });
  w.clock.set(Date.parse('2025-11-05T10:00:00+01:00'));
});

afterEach(async () => {
  await w.shutdown();
});

describe('Teams: charts of the controlling figures (R35)', () => {
  it('sends the figures and then the three charts as inline PNG images in the lead’s personal chat', async () => {
    const lead = w.sender('tl-fm-ue25');
    const mark = w.connector.calls.length;
    const response = await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: lead, text: '/fm kennzahlen von=10.2025 bis=10.2025 grafik=ja' }));
    expect(response.status).toBe(200);

    const replies = w.connector.calls.slice(mark).filter((c) => c.kind === 'reply' && c.status < 300);
    expect(replies).toHaveLength(2);
    expect(replies.every((r) => r.conversationId === personalChatId(lead.id))).toBe(true);
    expect(shown(replies[0]!)).toContain('Kennzahlen Fallmanagement Ü25');

    const card = cardOf(replies[1]!);
    expect(card.version).toBe('1.5');
    const titles = card.body.filter((e: any) => e.type === 'TextBlock').map((e: any) => e.text);
    expect(titles).toEqual([
      'Auslastung je Fachkraft – Fallmanagement Ü25, 10.2025',
      'Übernahmen, Abgänge und Fallbestand – Fallmanagement Ü25, letzte 12 Monate',
      'Abgänge nach Grund – Fallmanagement Ü25, 10.2025 bis 10.2025',
    ]);
    const images = card.body.filter((e: any) => e.type === 'Image');
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect(image.altText).toBeTruthy();
      const [, base64] = /^data:image\/png;base64,(.+)$/.exec(image.url)!;
      const png = decodePng(Buffer.from(base64!, 'base64'));
      expect(png.width).toBeGreaterThan(500);
      expect(png.width).toBeLessThanOrEqual(1024);
      expect(png.height).toBeGreaterThan(300);
    }
    // Nothing of it went into a channel.
    expect(w.connector.calls.slice(mark).filter((c) => c.kind === 'send')).toHaveLength(0);
  });
});
