/**
 * GET /healthz: a JSON report (database, outbox, last job runs, Socket Mode), 200 while the bot works and 503
 * when it does not (see healthReport.ts for when); GET /metrics: the Prometheus metrics (src/app/metrics.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { metrics } from '../app/metrics.js';
import type { HealthReport } from './healthReport.js';

export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** A plain yes/no (older callers) or the full report. */
export type HealthCheck = () => boolean | HealthReport;

export function healthHandler(check: HealthCheck): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let report: HealthReport | { status: 'ok' | 'unavailable'; problems: string[] };
    try {
      const result = check();
      report = typeof result === 'boolean' ? { status: result ? 'ok' : 'unavailable', problems: result ? [] : ['unhealthy'] } : result;
    } catch {
      report = { status: 'unavailable', problems: ['health_check_failed'] };
    }
    const body = JSON.stringify(report, null, 2);
    res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

export function metricsHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    metrics.text().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  };
}

export function healthRoute(check: HealthCheck): CustomRoute {
  return { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: healthHandler(check) };
}

export function metricsRoute(): CustomRoute {
  return { path: METRICS_PATH, method: 'GET', handler: metricsHandler() };
}

/**
 * Socket Mode needs no HTTP listener for Slack, but orchestration still probes /healthz (and scrapes /metrics)
 * on PORT, and other platforms (Teams) may share the port through `routes` (exact paths).
 */
export function startHealthServer(port: number, host: string, check: HealthCheck, routes: readonly CustomRoute[] = []): Promise<Server> {
  const all = [healthRoute(check), metricsRoute(), ...routes];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = all.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
    if (route) return route.handler(Object.assign(req, { params: {} }), res);
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
