/** Every scheduled job, in the order they run. */
import { assignmentRound } from './assignmentRound.js';
import { duties } from './duties.js';
import { escalationReminders } from './escalationReminders.js';
import { fmDigest } from './fmDigest.js';
import { leadDigest } from './leadDigest.js';
import { recheck } from './recheck.js';
import { retention } from './retention.js';
import { returnReminders } from './returnReminders.js';
import { supervision } from './supervision.js';
import type { Job } from './types.js';

/** `recheck` runs before `retention`: a re-check due today touches its case before the retention job looks at it (R12). */
export const JOBS: readonly Job[] = [fmDigest, leadDigest, duties, supervision, recheck, assignmentRound, escalationReminders, returnReminders, retention];
