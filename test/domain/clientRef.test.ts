import { describe, expect, it } from 'vitest';
import { normalizeClientRef } from '../../src/domain/clientRef.js';

describe('client reference (customer number, data protection)', () => {
  it('accepts 3 digits, a letter and 6 digits, trimmed and with the letter upper-cased', () => {
    expect(normalizeClientRef('123A456789')).toBe('123A456789');
    expect(normalizeClientRef('  123a456789 ')).toBe('123A456789');
  });

  it('rejects names, free text and near misses', () => {
    for (const bad of [
      'Max Mustermann',
      '123456789',
      '123A45678',
      '123A4567890',
      '12A3456789',
      '123AB56789',
      '123 A 456789',
      '123Ä456789',
      '123A456789 Herr M.',
      '',
    ]) {
      expect(normalizeClientRef(bad), bad).toBeUndefined();
    }
  });
});
