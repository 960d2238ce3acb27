import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../commands/parse.js';
import { UserError } from '../../src/domain/errors.js';

function problem(input: string): UserError {
  try {
    parseCommandLine(input);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`no problem found in ${input}`);
}

describe('parseCommandLine', () => {
  it('reads the subcommand, bare words and key=value arguments', () => {
    const parsed = parseCommandLine('  Vormerken FM-2026-0001 kunde=123A456789 Gruppe=ue25 ');
    expect(parsed.name).toBe('vormerken');
    expect(parsed.positionals).toEqual(['FM-2026-0001']);
    expect([...parsed.args]).toEqual([
      ['kunde', '123A456789'],
      ['gruppe', 'ue25'],
    ]);
  });

  it('keeps quoted values with spaces, also with typographic quotes from chat clients', () => {
    expect(parseCommandLine('ablehnen grund="kein Bedarf mehr"').args.get('grund')).toBe('kein Bedarf mehr');
    expect(parseCommandLine('ablehnen grund=„kein Bedarf“').args.get('grund')).toBe('kein Bedarf');
    expect(parseCommandLine('ablehnen grund=“kein Bedarf” x=1').args.get('x')).toBe('1');
  });

  it('gives an empty name for an empty line', () => {
    expect(parseCommandLine('   ').name).toBe('');
  });

  it('refuses a repeated key, naming it', () => {
    const error = problem('vormerken gruppe=u25 gruppe=ue25');
    expect(error.field).toBe('gruppe');
    expect(error.message).toMatch(/gruppe.*mehrfach/);
  });

  it('refuses an empty value and an unclosed quote, naming the key', () => {
    expect(problem('vormerken kunde=').message).toMatch(/^kunde: .*fehlt der Wert/);
    expect(problem('vormerken grund="offen').field).toBe('grund');
  });

  it('refuses control characters and bidi overrides', () => {
    expect(problem('vormerken kunde=123A456789\nhb=sucht').message).toMatch(/Steuerzeichen/);
    expect(problem('vormerken kunde=\u202E987654A321').message).toMatch(/Steuerzeichen/);
  });

  it('refuses a text of 10,000 characters', () => {
    expect(problem(`vormerken grund="${'x'.repeat(10_000)}"`).message).toMatch(/zu lang \(10018 Zeichen/);
  });
});
