/** Runs the InstanceMetadataPort contract against ImdsClient talking IMDSv2 to a local fake metadata server. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll } from 'vitest';
import { ImdsClient } from '../../layers/adapters/imds/imds-client';
import { FakeImdsServer } from '../helpers/fake-imds-server';
import { describeInstanceMetadataContract } from './instance-metadata.contract';

// A port nobody listens on: fetch gets a real ECONNREFUSED, as when IMDS is disabled on the instance.
let deadUrl: string;
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

describeInstanceMetadataContract('ImdsClient on a fake IMDSv2 server', async () => {
  const imds = await FakeImdsServer.start({ instanceId: 'i-0fa1afe1c0ffee001' });
  return {
    port: new ImdsClient({ baseUrl: imds.url, timeoutMs: 2000 }),
    unreachablePort: new ImdsClient({ baseUrl: deadUrl, timeoutMs: 2000 }),
    instanceId: 'i-0fa1afe1c0ffee001',
    setSpotAction: (notice) => imds.setSpotAction(notice),
    setRebalance: (noticeTime) => imds.setRebalance(noticeTime),
    setTag: (key, value) => imds.setTag(key, value),
    failNext: () => imds.failNext(1, 503),
    close: () => imds.stop(),
  };
});
