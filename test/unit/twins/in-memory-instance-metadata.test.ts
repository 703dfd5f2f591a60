/** What the instance metadata twin adds beyond the contract: tags from elsewhere, tags off, read counts, reset. */
import { describe, expect, it } from 'vitest';
import { InMemoryInstanceMetadata } from '../../../layers/twins/in-memory-instance-metadata';

describe('InMemoryInstanceMetadata', () => {
  it('reads tags from the source it is given, such as the fleet twin\'s instance tags', async () => {
    // Prepare
    const fleetTags: Record<string, string> = { 'autopilot:drain': '2026-03-01T12:01:40.000Z' };
    const imds = new InMemoryInstanceMetadata({ tagSource: (key) => fleetTags[key] });

    // Act
    const value = await imds.tag('autopilot:drain');

    // Assess
    expect(value).toBe('2026-03-01T12:01:40.000Z');
  });

  it('reads every tag as absent when tags are not allowed in instance metadata', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata({ tagsInMetadata: false });
    imds.setTag('autopilot:drain', '2026-03-01T12:01:40.000Z');

    // Act
    const value = await imds.tag('autopilot:drain');

    // Assess
    expect(value).toBeUndefined();
  });

  it('fails only the read it was told to, and counts reads', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    imds.failNext('timeout', { read: 'tag' });

    // Act
    const notice = await imds.spotInstanceAction();
    const tag = imds.tag('autopilot:drain');

    // Assess
    expect(notice).toBeUndefined();
    await expect(tag).rejects.toMatchObject({ name: 'InstanceMetadataError', code: 'TimeoutError', retryable: true });
    expect(imds.reads).toMatchObject({ spotInstanceAction: 1, tag: 1 });
  });

  it('withdraws notices, tags, failures and counts on reset', async () => {
    // Prepare
    const imds = new InMemoryInstanceMetadata();
    imds.setSpotAction({ action: 'terminate', atMs: Date.UTC(2026, 2, 1, 12, 2) });
    imds.setRebalance(Date.UTC(2026, 2, 1, 11, 58));
    imds.setTag('autopilot:drain', 'x');
    imds.failNext('throttling', { times: 2 });

    // Act
    imds.reset();

    // Assess
    expect([await imds.spotInstanceAction(), await imds.rebalanceRecommendationAtMs(), await imds.tag('autopilot:drain')]).toEqual([undefined, undefined, undefined]);
    expect(imds.reads.tag).toBe(1);
  });
});
