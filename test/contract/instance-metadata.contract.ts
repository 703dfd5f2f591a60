/** Contract of InstanceMetadataPort: what the worker agent reads about its instance, on the twin and on IMDSv2. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpotAction } from '../../layers/core/signals';
import type { InstanceMetadataPort } from '../../layers/ports/instance-metadata-port';

/** One implementation under test, with the hands EC2 has on an instance's metadata. */
export interface InstanceMetadataContractSubject {
  port: InstanceMetadataPort;
  /** A port that gets no answer at all (nothing listens where it looks). */
  unreachablePort: InstanceMetadataPort;
  instanceId: string;
  /** `time` as IMDS writes it, ISO-8601 UTC to the second; `undefined` withdraws the notice. */
  setSpotAction(notice: { action: SpotAction; time: string } | undefined): void;
  setRebalance(noticeTime: string | undefined): void;
  setTag(key: string, value: string | undefined): void;
  /** The next read fails as an overloaded or failing IMDS would. */
  failNext(): void;
  close?(): Promise<void>;
}

export const describeInstanceMetadataContract = (
  implementation: string,
  makeSubject: () => Promise<InstanceMetadataContractSubject>,
): void => {
  describe(`InstanceMetadataPort contract: ${implementation}`, () => {
    let subject: InstanceMetadataContractSubject;
    let port: InstanceMetadataPort;

    beforeEach(async () => {
      subject = await makeSubject();
      port = subject.port;
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('reads the instance id', async () => {
      // Act
      const id = await port.instanceId();

      // Assess
      expect(id).toBe(subject.instanceId);
    });

    it('reads no spot instance-action until the instance is marked for interruption', async () => {
      // Act
      const notice = await port.spotInstanceAction();

      // Assess
      expect(notice).toBeUndefined();
    });

    it('reads the spot instance-action and its time once it is posted', async () => {
      // Prepare
      subject.setSpotAction({ action: 'terminate', time: '2026-03-01T12:02:00Z' });

      // Act
      const notice = await port.spotInstanceAction();

      // Assess
      expect(notice).toEqual({ action: 'terminate', atMs: Date.UTC(2026, 2, 1, 12, 2, 0) });
    });

    it('reads a stop or hibernate action as such', async () => {
      // Prepare
      subject.setSpotAction({ action: 'hibernate', time: '2026-03-01T12:00:05Z' });

      // Act
      const notice = await port.spotInstanceAction();

      // Assess
      expect(notice).toEqual({ action: 'hibernate', atMs: Date.UTC(2026, 2, 1, 12, 0, 5) });
    });

    it('reads the rebalance recommendation time once there is one, and nothing before', async () => {
      // Prepare
      const before = await port.rebalanceRecommendationAtMs();
      subject.setRebalance('2026-03-01T11:58:30Z');

      // Act
      const after = await port.rebalanceRecommendationAtMs();

      // Assess
      expect(before).toBeUndefined();
      expect(after).toBe(Date.UTC(2026, 2, 1, 11, 58, 30));
    });

    it('reads an instance tag while it is set, and nothing before or after', async () => {
      // Prepare
      const before = await port.tag('autopilot:drain');
      subject.setTag('autopilot:drain', '2026-03-01T12:01:40.000Z');
      const during = await port.tag('autopilot:drain');
      subject.setTag('autopilot:drain', undefined);

      // Act
      const after = await port.tag('autopilot:drain');

      // Assess
      expect([before, during, after]).toEqual([undefined, '2026-03-01T12:01:40.000Z', undefined]);
    });

    it('fails retryably when the metadata service fails, and reads again afterwards', async () => {
      // Prepare
      subject.setSpotAction({ action: 'terminate', time: '2026-03-01T12:02:00Z' });
      subject.failNext();

      // Act
      const failed = port.spotInstanceAction();

      // Assess
      await expect(failed).rejects.toMatchObject({ name: 'InstanceMetadataError', retryable: true });
      await expect(port.spotInstanceAction()).resolves.toMatchObject({ action: 'terminate' });
    });

    it('fails retryably when the metadata service does not answer', async () => {
      // Act
      const reading = subject.unreachablePort.spotInstanceAction();

      // Assess
      await expect(reading).rejects.toMatchObject({ name: 'InstanceMetadataError', retryable: true });
    });
  });
};
