import { describe, expect, it } from 'vitest';
import { planLeadDigest, snapshotOf, standingParts, worthSending, type LeadFinding } from '../../jobs/leadDigestCompose.js';

const missed = (code: string): LeadFinding => ({ kind: 'intake-missed', subject: code });
const contact = (code: string): LeadFinding => ({ kind: 'overdue-contact', subject: code });
const capacity = (fm: string, percent: string): LeadFinding => ({ kind: 'over-capacity', subject: fm, detail: percent });

describe('the lead overview: new first, the rest counted, nothing identical twice (R4, R16)', () => {
  it('shows everything in full the first time', () => {
    const plan = planLeadDigest([missed('FM-2026-0001'), contact('FM-2026-0002')], undefined);
    expect(plan).toEqual({ fresh: [missed('FM-2026-0001'), contact('FM-2026-0002')], standing: [], resolved: 0 });
    expect(worthSending(plan, false)).toBe(true);
  });

  it('counts what stands unchanged and shows only what is new, and a changed figure as new', () => {
    const yesterday = snapshotOf([missed('FM-2026-0001'), contact('FM-2026-0002'), capacity('fm-anna', '105 %')]);
    const plan = planLeadDigest([missed('FM-2026-0001'), contact('FM-2026-0002'), contact('FM-2026-0003'), capacity('fm-anna', '110 %')], yesterday);
    expect(plan.fresh).toEqual([contact('FM-2026-0003'), capacity('fm-anna', '110 %')]);
    expect(standingParts(plan.standing)).toEqual(['Übernahmefrist verpasst (R4): 1', 'Beratungskontakt überfällig: 1']);
    expect(plan.resolved).toBe(0);
  });

  it('sends nothing on a day when nothing changed, but a summary on the first working day of the week', () => {
    const same = [missed('FM-2026-0001'), contact('FM-2026-0002')];
    const plan = planLeadDigest(same, snapshotOf(same));
    expect(plan.fresh).toEqual([]);
    expect(worthSending(plan, false)).toBe(false);
    expect(worthSending(plan, true)).toBe(true);
    expect(worthSending(planLeadDigest([], snapshotOf([])), true)).toBe(false);
  });

  it('tells how many points were settled since the last overview', () => {
    const plan = planLeadDigest([contact('FM-2026-0002')], snapshotOf([missed('FM-2026-0001'), contact('FM-2026-0002')]));
    expect(plan).toMatchObject({ fresh: [], resolved: 1 });
    expect(worthSending(plan, false)).toBe(true);
  });
});
