/**
 * The process's Prometheus metrics (prom-client), served at GET /metrics (src/platforms/health.ts). One registry
 * per process: the places that count (bot, delivery, scheduler, platforms) import `metrics` and add to it; the
 * outbox gauges are read from the database at each scrape (`observeOutbox`). Labels are names and outcomes only,
 * never a person, a case or a text.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface OutboxStats {
  pending: number;
  failed: number;
  /** Seconds since the oldest pending item was queued; 0 when none is pending. */
  oldestPendingAgeSeconds: number;
}

/** What a run of one job did, for /healthz ("last run of each job"). */
export interface JobRun {
  /** Epoch ms of the run (the scheduler's clock). */
  at: number;
  durationMs: number;
  queued: number;
  ok: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'fm_lotse_commands_total',
    help: 'Handled requests by kind (command, form, action, thread), /fm subcommand and outcome (ok, form, refused, error).',
    labelNames: ['kind', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly ackLatency = new Histogram({
    name: 'fm_lotse_ack_latency_seconds',
    help: 'Time from a chat request arriving to its acknowledgement being written, by platform.',
    labelNames: ['platform'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly outboxSent = new Counter({
    name: 'fm_lotse_outbox_sent_total',
    help: 'Outbox messages a platform accepted.',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly outboxRetried = new Counter({
    name: 'fm_lotse_outbox_retried_total',
    help: 'Outbox sends that failed and wait for another attempt, by reason (rate_limit, error).',
    labelNames: ['platform', 'reason'] as const,
    registers: [this.registry],
  });
  readonly outboxFailed = new Counter({
    name: 'fm_lotse_outbox_failed_total',
    help: 'Outbox messages given up (refused by the platform, unreachable target, too many attempts).',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'fm_lotse_job_duration_seconds',
    help: 'Duration of scheduled job runs, by job and outcome (ok, error).',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  /** The last run of each job since the process started. */
  readonly jobRuns = new Map<string, JobRun>();
  private outbox: (() => OutboxStats) | undefined;

  constructor() {
    const self = this;
    new Gauge({
      name: 'fm_lotse_outbox_pending',
      help: 'Outbox messages waiting to be sent.',
      registers: [this.registry],
      collect() {
        const stats = self.outbox?.();
        if (stats) this.set(stats.pending);
      },
    });
    new Gauge({
      name: 'fm_lotse_outbox_failed',
      help: 'Outbox messages given up (status failed), all time.',
      registers: [this.registry],
      collect() {
        const stats = self.outbox?.();
        if (stats) this.set(stats.failed);
      },
    });
    new Gauge({
      name: 'fm_lotse_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox message waiting to be sent.',
      registers: [this.registry],
      collect() {
        const stats = self.outbox?.();
        if (stats) this.set(stats.oldestPendingAgeSeconds);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'fm_lotse_' });
  }

  /** Where the outbox gauges are read from at each scrape (the composition root sets it). */
  observeOutbox(read: () => OutboxStats): void {
    this.outbox = read;
  }

  /** Records a job run: its duration histogram and its entry in `jobRuns`. */
  jobRan(job: string, run: JobRun): void {
    this.jobDuration.observe({ job, outcome: run.ok ? 'ok' : 'error' }, run.durationMs / 1000);
    this.jobRuns.set(job, run);
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The process's one set of metrics. */
export const metrics = new Metrics();
