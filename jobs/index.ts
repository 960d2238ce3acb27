/** Every scheduled job, in the order they run. */
import { assignmentRound } from './assignmentRound.js';
import type { Job } from './types.js';

export const JOBS: readonly Job[] = [assignmentRound];
