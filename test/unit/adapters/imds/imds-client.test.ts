/** ImdsClient's IMDSv2 token handling and parsing, against a local server that answers like IMDS. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImdsClient } from '../../../../layers/adapters/imds/imds-client';
import { FakeImdsServer } from '../../../helpers/fake-imds-server';

describe('ImdsClient', () => {
  let imds: FakeImdsServer;
  let nowMs: number;
  const clock = { nowMs: () => nowMs };

  beforeEach(async () => {
    imds = await FakeImdsServer.start({ instanceId: 'i-0fa1afe1c0ffee001' });
    nowMs = Date.UTC(2026, 2, 1, 12, 0, 0);
  });
  afterEach(async () => {
    await imds.stop();
  });

  it('asks for one session token and carries it on every read while it lasts', async () => {
    // Prepare
    const client = new ImdsClient({ baseUrl: imds.url, clock });

    // Act
    await client.instanceId();
    await client.spotInstanceAction();
    await client.rebalanceRecommendationAtMs();
    await client.tag('autopilot:drain');

    // Assess
    expect(imds.tokenRequests).toBe(1);
    expect(imds.metadataRequests).toBe(4);
    expect(imds.unauthorizedRequests).toBe(0);
  });

  it('shares one token request among reads made at the same time', async () => {
    // Prepare
    const client = new ImdsClient({ baseUrl: imds.url, clock });

    // Act
    await Promise.all([client.instanceId(), client.spotInstanceAction(), client.tag('a'), client.tag('b')]);

    // Assess
    expect(imds.tokenRequests).toBe(1);
  });

  it('renews the token shortly before its lifetime ends, not after every read', async () => {
    // Prepare: a 600 s token is renewed in its last tenth, 60 s before it ends.
    const client = new ImdsClient({ baseUrl: imds.url, tokenTtlSeconds: 600, clock });
    await client.instanceId();
    nowMs += 539_000;
    await client.instanceId();
    const beforeRenewal = imds.tokenRequests;

    // Act
    nowMs += 2_000;
    await client.instanceId();

    // Assess
    expect([beforeRenewal, imds.tokenRequests]).toEqual([1, 2]);
  });

  it('gets a new token and reads again once when a read is refused with 401', async () => {
    // Prepare
    const client = new ImdsClient({ baseUrl: imds.url, clock });
    await client.instanceId();
    imds.expireTokens();
    imds.setTag('autopilot:drain', '2026-03-01T12:01:40.000Z');

    // Act
    const value = await client.tag('autopilot:drain');

    // Assess
    expect(value).toBe('2026-03-01T12:01:40.000Z');
    expect(imds.tokenRequests).toBe(2);
    expect(imds.unauthorizedRequests).toBe(1);
  });

  it('is refused by the fake IMDS without a token, as IMDSv2 refuses it', async () => {
    // Act
    const response = await fetch(`${imds.url}/latest/meta-data/instance-id`);

    // Assess
    expect(response.status).toBe(401);
  });

  it('rejects a garbled instance-action as a malformed response, not a notice', async () => {
    // Prepare
    imds.setRaw('spot', '{"action":"reboot","time":"2026-03-01T12:02:00Z"}');
    const client = new ImdsClient({ baseUrl: imds.url, clock });

    // Act
    const reading = client.spotInstanceAction();

    // Assess
    await expect(reading).rejects.toMatchObject({ name: 'InstanceMetadataError', code: 'MalformedResponse', retryable: false });
  });

  it('refuses a tag key instance metadata cannot hold, without asking IMDS', async () => {
    // Prepare
    const client = new ImdsClient({ baseUrl: imds.url, clock });

    // Act
    const reading = client.tag('team/owner');

    // Assess
    await expect(reading).rejects.toMatchObject({ code: 'InvalidTagKey', retryable: false });
    expect(imds.tokenRequests + imds.metadataRequests).toBe(0);
  });

  it('refuses a token lifetime IMDS would not grant', () => {
    // Act
    const creating = () => new ImdsClient({ baseUrl: imds.url, tokenTtlSeconds: 21_601 });

    // Assess
    expect(creating).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('gives up on a metadata service that does not answer within its timeout, retryably', async () => {
    // Prepare: a server that reads requests and never answers them.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const client = new ImdsClient({ baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 50, clock });

    // Act
    const reading = client.instanceId();

    // Assess
    await expect(reading).rejects.toMatchObject({ name: 'InstanceMetadataError', code: 'TimeoutError', retryable: true });
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
