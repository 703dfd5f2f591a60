/** Runs the InstanceMetadataPort contract against the instance metadata twin. */
import { InMemoryInstanceMetadata } from '../../layers/twins/in-memory-instance-metadata';
import { describeInstanceMetadataContract } from './instance-metadata.contract';

describeInstanceMetadataContract('InMemoryInstanceMetadata', async () => {
  const twin = new InMemoryInstanceMetadata({ instanceId: 'i-0fa1afe1c0ffee001' });
  const unreachable = new InMemoryInstanceMetadata();
  unreachable.failNext('timeout', { times: 100 });
  return {
    port: twin,
    unreachablePort: unreachable,
    instanceId: 'i-0fa1afe1c0ffee001',
    setSpotAction: (notice) => twin.setSpotAction(notice && { action: notice.action, atMs: Date.parse(notice.time) }),
    setRebalance: (noticeTime) => twin.setRebalance(noticeTime === undefined ? undefined : Date.parse(noticeTime)),
    setTag: (key, value) => twin.setTag(key, value),
    failNext: () => twin.failNext('throttling'),
  };
});
