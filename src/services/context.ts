/**
 * What every service, command and job works with: the organisation, the store, the injected clock and the
 * working-day calendar. Commands additionally know who acts (`CommandContext`).
 */
import type { OrgIndex } from '../config/orgIndex.js';
import type { Person } from '../config/org.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { NeedDefinition } from '../domain/needs.js';
import type { Clock } from '../domain/time.js';
import type { Caller } from '../messaging/ports.js';
import type { Store } from '../store/ports.js';

export interface CommandDeps {
  org: OrgIndex;
  store: Store;
  clock: Clock;
  calendar: WorkCalendar;
  needCatalogue: NeedDefinition[];
}

export interface CommandContext extends CommandDeps {
  actor: Person;
  caller: Caller;
}
