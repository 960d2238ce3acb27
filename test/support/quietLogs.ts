/**
 * Test setup (vitest setupFiles): the process's logger writes nothing unless a test installs its own (see
 * test/platforms/slack/logs.test.ts), so log lines do not crowd the test output.
 */
import { createLogger, useLogger } from '../../src/app/log.js';

useLogger(createLogger({ level: 'silent', format: 'json' }));
