// The agent's health endpoints over real HTTP on a free local port.
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer, type HealthStatus } from '../../../agent/health-server';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = async (path: string, method = 'GET') => {
  const response = await fetch(`http://127.0.0.1:${server?.port}${path}`, { method });
  return { status: response.status, body: method === 'HEAD' ? undefined : ((await response.json()) as Record<string, unknown>) };
};

describe('startHealthServer', () => {
  it('answers /healthz 200 while the process runs, whatever the readiness', async () => {
    // Prepare
    server = await startHealthServer(0, () => ({ ready: false, reason: 'Triton is not ready' }));

    // Act
    const health = await get('/healthz');

    // Assess
    expect(health).toEqual({ status: 200, body: { alive: true } });
  });

  it('answers /readyz 200 when ready and 503 with the reason when not, reading the status on each request', async () => {
    // Prepare
    let status: HealthStatus = { ready: true, details: { state: 'serving' } };
    server = await startHealthServer(0, () => status);

    // Act
    const ready = await get('/readyz');
    status = { ready: false, reason: 'draining: sigterm until 2026-03-14T03:12:30.000Z', details: { state: 'draining' } };
    const draining = await get('/readyz');

    // Assess
    expect(ready).toEqual({ status: 200, body: { ready: true, state: 'serving' } });
    expect(draining).toEqual({ status: 503, body: { ready: false, reason: 'draining: sigterm until 2026-03-14T03:12:30.000Z', state: 'draining' } });
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    // Prepare
    server = await startHealthServer(0, () => ({ ready: true }));

    // Act
    const missing = await get('/metrics');
    const posted = await get('/readyz', 'POST');

    // Assess
    expect(missing.status).toBe(404);
    expect(posted.status).toBe(405);
  });

  it('refuses to start on a port already taken', async () => {
    // Prepare
    server = await startHealthServer(0, () => ({ ready: true }));

    // Act and assess
    await expect(startHealthServer(server.port, () => ({ ready: true }))).rejects.toThrow(/EADDRINUSE/);
  });
});
