import { describe, expect, it } from 'vitest';
import { orgSchema } from '../../../src/config/org.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { actions, facts, heading, list, message, text } from '../../../src/messaging/reply.js';
import {
  renderBody,
  renderDelivered,
  renderError,
  renderFieldIntro,
  renderPrivate,
} from '../../../src/platforms/console/render.js';

const plain = { ansi: false };
const ansi = { ansi: true };

const org = new OrgIndex(
  orgSchema.parse({
    jobcenter: { name: 'Jobcenter Test', holidayRegion: 'DE-HB' },
    offices: [{ id: 'mitte', name: 'Mitte' }],
    teams: [{ id: 'fm-ue25', name: 'FM Ü25', kind: 'fm_ue25', office: 'mitte' }],
    people: [{ id: 'fm-tobias', name: 'Tobias Becker', roles: ['fm'], team: 'fm-ue25' }],
  }),
);

const confirmation = message(
  'Vormerkung gespeichert',
  heading('Vormerkung gespeichert'),
  facts(['Fall', 'FM-2025-0001'], ['Übernahme bis', '10.11.2025']),
);

describe('console rendering', () => {
  it('aligns facts as "Label: value" under each other', () => {
    const lines = renderBody(confirmation, plain);
    expect(lines).toEqual(['Vormerkung gespeichert', 'Fall:          FM-2025-0001', 'Übernahme bis: 10.11.2025']);
  });

  it('keeps continuation lines of a multi-line fact value in the value column', () => {
    const lines = renderBody(message('x', facts(['HB', 'sucht\nwohnen'])), plain);
    expect(lines).toEqual(['HB: sucht', '    wohnen']);
  });

  it('styles headings with ANSI only for terminals', () => {
    expect(renderBody(confirmation, ansi)[0]).toBe('\x1b[1;4mVormerkung gespeichert\x1b[0m');
    expect(renderPrivate(confirmation, plain)).not.toContain('\x1b[');
  });

  it('shows list items as bullets and multi-line text line by line', () => {
    expect(renderBody(message('x', text('a\nb'), list(['eins', 'zwei'])), plain)).toEqual(['a', 'b', '• eins', '• zwei']);
  });

  it('lists buttons as [Label] with a hint to type the command instead', () => {
    const lines = renderBody(
      message('x', actions({ actionId: 'round.confirm', label: 'Bestätigen', value: 'FM-2025-0001' }, { actionId: 'x', label: 'Ablehnen', value: '' })),
      plain,
    );
    expect(lines[0]).toBe('[Bestätigen] [Ablehnen]');
    expect(lines[1]).toMatch(/tippst du den passenden \/fm-Befehl/);
  });

  it('falls back to the summary text when a message has no blocks', () => {
    expect(renderBody(message('Nur Text'), plain)).toEqual(['Nur Text']);
  });

  it('marks private replies, channel messages and direct messages differently', () => {
    const mine = renderPrivate(confirmation, plain);
    const channel = renderDelivered({ kind: 'channel', teamId: 'fm-ue25' }, confirmation, org, plain);
    const dm = renderDelivered({ kind: 'direct', personId: 'fm-tobias' }, confirmation, org, plain);
    expect(mine.split('\n')[1]).toBe('🔒 nur für dich:');
    expect(channel.split('\n')[1]).toBe('# fm-ue25 (Kanal):');
    expect(dm.split('\n')[1]).toBe('✉ Direktnachricht an Tobias Becker (fm-tobias):');
    expect(channel).toContain('  Fall:          FM-2025-0001\n');
  });

  it('names unknown direct-message recipients by id rather than failing', () => {
    expect(renderDelivered({ kind: 'direct', personId: 'weg' }, confirmation, org, plain)).toContain('Direktnachricht an weg (weg):');
  });

  it('shows a refusal with each field error, labelled by the form field', () => {
    const out = renderError('Bitte prüfe die Angaben.', { kunde: 'Format 123A456789' }, plain, { kunde: 'Kundennummer' });
    expect(out).toContain('🔒 nur für dich:');
    expect(out).toContain('⚠ Bitte prüfe die Angaben.');
    expect(out).toContain('• Kundennummer (kunde): Format 123A456789');
  });

  it('does not repeat field errors the summary already contains', () => {
    const out = renderError('Das hat nicht geklappt:\n• Format 123A456789', { kunde: 'Format 123A456789' }, plain);
    expect(out.match(/Format 123A456789/g)).toHaveLength(1);
    expect(out).toContain('  ⚠ Das hat nicht geklappt:\n  • Format 123A456789\n');
  });

  it('introduces a select field with its allowed values', () => {
    const out = renderFieldIntro(
      { kind: 'select', key: 'gruppe', label: 'Gruppe', required: true, hint: 'Alter', options: [{ value: 'u25', label: 'U25' }, { value: 'ue25', label: 'Ü25' }] },
      plain,
    );
    expect(out).toBe('Gruppe – Pflichtfeld\n  Alter\n  Mögliche Werte:\n    u25 – U25\n    ue25 – Ü25\n');
  });

  it('lists options that are their own label on one line', () => {
    const yesNo = [{ value: 'ja', label: 'ja' }, { value: 'nein', label: 'nein' }];
    const out = renderFieldIntro({ kind: 'select', key: 'verbis', label: 'In VerBIS vorgemerkt', required: true, options: yesNo }, plain);
    expect(out).toBe('In VerBIS vorgemerkt – Pflichtfeld\n  Mögliche Werte: ja, nein\n');
  });

  it('introduces a multiselect with codes per group and the comma convention', () => {
    const out = renderFieldIntro(
      {
        kind: 'multiselect', key: 'hb', label: 'Handlungsbedarfe', required: false,
        groups: [
          { label: 'Leistungsfähigkeit', options: [{ value: 'gesundheit', label: 'Gesundheit' }, { value: 'psyche', label: 'Psyche' }] },
          { label: 'Rahmenbedingungen', options: [{ value: 'sucht', label: 'Sucht' }] },
        ],
      },
      plain,
    );
    expect(out).toContain('Handlungsbedarfe – freiwillig');
    expect(out).toContain('Leistungsfähigkeit: gesundheit, psyche');
    expect(out).toContain('Mehrere Werte mit Komma trennen, z. B. gesundheit,psyche,sucht');
  });
});
