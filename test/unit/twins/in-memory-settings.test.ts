/** Behaviour of the kill-switch twin beyond the contract: operator helpers, immediate changes, reset. */
import { describe, expect, it } from 'vitest';
import { InMemorySettings } from '../../../layers/twins/in-memory-settings';

describe('InMemorySettings', () => {
  it('reads engage and release at once, with no cache in between', async () => {
    // Prepare
    const settings = new InMemorySettings();

    // Act
    settings.engage();
    const engaged = await settings.killSwitchEngaged();
    settings.release();
    const released = await settings.killSwitchEngaged();

    // Assess
    expect([engaged, released]).toEqual([true, false]);
  });

  it('fails closed for as many reads as told, then reads the value again', async () => {
    // Prepare
    const settings = new InMemorySettings({ value: 'off' });
    settings.failNext('unavailable', 2);

    // Act
    const reads = [await settings.killSwitchEngaged(), await settings.killSwitchEngaged(), await settings.killSwitchEngaged()];

    // Assess
    expect(reads).toEqual([true, true, false]);
  });

  it('forgets the parameter and pending failures on reset', async () => {
    // Prepare
    const settings = new InMemorySettings({ value: 'on' });
    settings.failNext('throttling');

    // Act
    settings.reset();

    // Assess
    await expect(settings.killSwitchEngaged()).resolves.toBe(false);
  });
});
