import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrainReason } from '../../../layers/core/drain-protocol';
import {
  DRAIN_INCIDENT_TAG,
  DRAIN_REASON_TAG,
  DRAIN_TAG,
  DRAIN_TAG_KEYS,
  DRAINED_TAG,
  drainedTags,
  drainRequestTags,
  MANAGED_TAG,
  readDrainedAt,
  readDrainRequest,
} from '../../../layers/core/drain-protocol';
import { INSTANCE_ID, T0_MS } from '../../helpers/spot-factories';

const INCIDENT_ID = `spot-${INSTANCE_ID}-20260314T031201500Z`;
const DEADLINE_MS = T0_MS + 120_000;

/** EC2 instance metadata tags allow only these characters in keys, and not `.`, `..` or `_index` alone. */
const IMDS_TAG_KEY = /^[A-Za-z0-9+\-=.,_:@]+$/;

describe('drain protocol', () => {
  it('requests a drain with the deadline in ISO-8601 UTC, the incident and the reason', () => {
    // Act
    const tags = drainRequestTags({ deadlineMs: DEADLINE_MS, incidentId: INCIDENT_ID, reason: 'spot-interruption' });

    // Assess
    expect(tags).toEqual({
      'autopilot:drain': '2026-03-14T03:14:00.000Z',
      'autopilot:drain-incident': INCIDENT_ID,
      'autopilot:drain-reason': 'spot-interruption',
    });
  });

  it('reads back the drain request it wrote', () => {
    // Prepare
    const request = { deadlineMs: DEADLINE_MS, incidentId: INCIDENT_ID, reason: 'scheduled-change' as const };

    // Act / Assess
    expect(readDrainRequest(drainRequestTags(request))).toEqual(request);
  });

  it('reads no drain request from an instance without the drain tag, or with a deadline that is not a date', () => {
    expect(readDrainRequest({})).toBeUndefined();
    expect(readDrainRequest({ [DRAIN_INCIDENT_TAG]: INCIDENT_ID, [DRAIN_REASON_TAG]: 'spot-interruption' })).toBeUndefined();
    expect(readDrainRequest({ [DRAIN_TAG]: 'soon' })).toBeUndefined();
    expect(readDrainRequest({ [DRAIN_TAG]: undefined })).toBeUndefined();
  });

  it('treats a drain with an unknown or missing reason as a spot interruption, and a missing incident as unknown', () => {
    // Act
    const request = readDrainRequest({ [DRAIN_TAG]: '2026-03-14T03:14:00.000Z', [DRAIN_REASON_TAG]: 'capacity-rebalance' });

    // Assess
    expect(request).toEqual({ deadlineMs: DEADLINE_MS, incidentId: 'unknown', reason: 'spot-interruption' });
  });

  it("reads the agent's acknowledgement it wrote, and nothing from a missing or malformed one", () => {
    // Act / Assess
    expect(drainedTags(T0_MS + 95_000)).toEqual({ 'autopilot:drained': '2026-03-14T03:13:35.000Z' });
    expect(readDrainedAt(drainedTags(T0_MS + 95_000))).toBe(T0_MS + 95_000);
    expect(readDrainedAt({})).toBeUndefined();
    expect(readDrainedAt({ [DRAINED_TAG]: 'yes' })).toBeUndefined();
  });

  it('undoes a drain by removing the request and the acknowledgement, and nothing else', () => {
    expect([...DRAIN_TAG_KEYS].sort()).toEqual([DRAIN_TAG, DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAINED_TAG].sort());
    expect(DRAIN_TAG_KEYS).not.toContain(MANAGED_TAG);
  });

  it('uses only tag keys that instance metadata can expose, outside the reserved aws: prefix', () => {
    for (const key of [...DRAIN_TAG_KEYS, MANAGED_TAG]) {
      expect(key).toMatch(IMDS_TAG_KEY);
      expect(key.toLowerCase().startsWith('aws:')).toBe(false);
      expect(key.length).toBeLessThanOrEqual(128);
    }
  });
});

describe('drain protocol properties', () => {
  const reason = fc.constantFrom<DrainReason>('spot-interruption', 'rebalance-recommendation', 'scheduled-change');
  const deadline = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
  const incidentId = fc.string({ minLength: 1, maxLength: 100 });

  it('round-trips every drain request through the tags', () => {
    fc.assert(
      fc.property(deadline, incidentId, reason, (deadlineMs, id, why) => {
        const request = { deadlineMs, incidentId: id, reason: why };
        expect(readDrainRequest(drainRequestTags(request))).toEqual(request);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every acknowledgement time through the tag', () => {
    fc.assert(
      fc.property(deadline, (atMs) => {
        expect(readDrainedAt(drainedTags(atMs))).toBe(atMs);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any tags an instance may carry', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(DRAIN_TAG, DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAINED_TAG, 'Name'), fc.string()), (tags) => {
        const request = readDrainRequest(tags);
        if (request) expect(Number.isNaN(request.deadlineMs)).toBe(false);
        readDrainedAt(tags);
      }),
      { numRuns: 300 },
    );
  });
});
