/** The agent's health endpoints over node:http: liveness (/healthz) and readiness (/readyz). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What /readyz reports: ready only when Triton is ready and the agent is not draining. */
export interface HealthStatus {
  ready: boolean;
  /** Why not ready (`Triton is not ready`, `draining: sigterm until 2026-03-14T03:14:00.000Z`). */
  reason?: string;
  /** Extra facts for the JSON body (state, in-flight count). */
  details?: Record<string, unknown>;
}

export interface HealthServer {
  /** The port it listens on (the one the OS picked when asked for 0). */
  port: number;
  close(): Promise<void>;
}

/** Starts the health server; `status` is read on every /readyz request. */
export type StartHealthServer = (port: number, status: () => HealthStatus) => Promise<HealthServer>;

/**
 * - `GET /healthz`: 200 while the process runs (systemd, the load balancer or an operator asks "is it alive").
 * - `GET /readyz`: 200 when ready, else 503 with `{"ready":false,"reason":...}`.
 * - anything else: 404; other methods: 405.
 *
 * @example
 * const health = await startHealthServer(8080, () => ({ ready: true }));
 * await health.close();
 */
export const startHealthServer: StartHealthServer = async (port, status) => {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const reply = (code: number, body: Record<string, unknown>) => {
      response.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (path !== '/healthz' && path !== '/readyz') return reply(404, { error: `no such path: ${path}` });
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { error: `method ${request.method} not allowed` });
    if (path === '/healthz') return reply(200, { alive: true });
    const current = status();
    return reply(current.ready ? 200 : 503, { ready: current.ready, ...(current.reason === undefined ? {} : { reason: current.reason }), ...current.details });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
