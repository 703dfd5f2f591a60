import { describe, expect, it } from 'vitest';
import type { ActionStatus } from '../../../layers/core/incident';
import { outcomeText } from '../../../layers/core/incident-wording';

const words = { done: 'Raised the target to 2400 QPS.', would: 'Would have raised the target to 2400 QPS.', noun: 'surge' };

describe('outcomeText', () => {
  it.each<[ActionStatus, string]>([
    ['applied', 'Raised the target to 2400 QPS.'],
    ['dry-run', 'Would have raised the target to 2400 QPS. _(dry run: nothing changed)_'],
    ['blocked', ':no_entry: surge blocked: kill switch engaged'],
    ['failed', ':x: surge failed: kill switch engaged'],
    ['skipped', 'surge skipped: kill switch engaged'],
    ['pending', 'surge in progress'],
  ])('words a %s action as on-call should read it', (status, expected) => {
    // Act
    const text = outcomeText(status, words, 'kill switch engaged');

    // Assess
    expect(text).toBe(expected);
  });
});
