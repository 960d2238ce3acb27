/**
 * The organisation file's contact policy (`jobcenter.contacts`): a jobcenter with Bremerhaven's instruction
 * (monthly for everyone, R15) sees R15 cited on its interval reminders; one that only changes the intervals keeps
 * Bremen's R13. Driven through `/fm meine` on the demo organisation with the policy set in the file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Org } from '../../src/config/org.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';
import { exampleOrg } from '../support/world.js';

let h: Harness | undefined;
afterEach(() => h?.close());

function withContacts(contacts: NonNullable<Org['jobcenter']['contacts']>): Org {
  const org = exampleOrg();
  org.jobcenter.contacts = contacts;
  return org;
}

describe('contact policy from the organisation file (R13, R15)', () => {
  it('R15: a Bremerhaven-like policy with rule R15 cites R15 on the monthly contact reminder', () => {
    h = harness(undefined, { org: withContacts({ intervalMonths: { u25: 1, ue25: 1 }, measureIntervalMonths: 3, rule: 'R15' }) });
    const code = h.activeCase();
    expect(h.ok('fm-tobias', 'meine')).toMatch(new RegExp(`${code} · [^\\n]+ — Kontakt \\(R15\\)`));
  });

  it('R13: the same intervals without a rule keep citing Bremen’s R13', () => {
    h = harness(undefined, { org: withContacts({ intervalMonths: { u25: 1, ue25: 1 }, measureIntervalMonths: 3 }) });
    const code = h.activeCase();
    expect(h.ok('fm-tobias', 'meine')).toMatch(new RegExp(`${code} · [^\\n]+ — Kontakt \\(R13\\)`));
  });

  it('refuses an unknown rule in the organisation file, naming the field', async () => {
    const { orgSchema } = await import('../../src/config/org.js');
    const raw = JSON.parse(JSON.stringify(exampleOrg())) as { jobcenter: Record<string, unknown> };
    raw.jobcenter.contacts = { rule: 'R99' };
    const result = orgSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('jobcenter.contacts.rule');
  });
});
