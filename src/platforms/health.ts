/** GET /healthz: 200 while the application is healthy (database reachable), else 503. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';

export const HEALTH_PATH = '/healthz';

export function healthHandler(healthy: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    let ok = false;
    try {
      ok = healthy();
    } catch {
      ok = false;
    }
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(ok ? 'ok' : 'unavailable');
  };
}

export function healthRoute(healthy: () => boolean): CustomRoute {
  return { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: healthHandler(healthy) };
}

/**
 * Socket Mode needs no HTTP listener for Slack, but orchestration still probes /healthz on PORT, and other
 * platforms (Teams) may share the port through `routes` (exact paths).
 */
export function startHealthServer(port: number, host: string, healthy: () => boolean, routes: readonly CustomRoute[] = []): Promise<Server> {
  const handle = healthHandler(healthy);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) return handle(req, res);
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
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
