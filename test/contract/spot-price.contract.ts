/** Contract of SpotPricePort: latest price per type and zone in a window, placement scores optional, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import { SpotPriceError, type SpotPricePort } from '../../layers/ports/spot-price-port';

/** One implementation under test, with ways to put the market into a state. */
export interface SpotPriceContractSubject {
  port: SpotPricePort;
  /** The Linux/UNIX Spot price of the type in the zone became `usdPerHour` at `atMs`. */
  recordPrice(instanceType: string, availabilityZone: string, usdPerHour: number, atMs: number): void;
  /** The zone's single-zone placement score. */
  recordScore(availabilityZone: string, score: number): void;
  /** The next call to EC2 is throttled. */
  throttleNext(): void;
}

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR_AGO = NOW - 60 * MINUTE;
const GPU_TYPES = ['g5.xlarge', 'g6.xlarge', 'g6e.xlarge'];

export const describeSpotPriceContract = (implementation: string, makeSubject: () => SpotPriceContractSubject): void => {
  describe(`SpotPricePort contract: ${implementation}`, () => {
    let subject: SpotPriceContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('answers the latest price per asked type and zone, sorted by type then zone', async () => {
      // Prepare
      subject.recordPrice('g6.xlarge', 'us-east-1b', 0.4, NOW - 50 * MINUTE);
      subject.recordPrice('g6.xlarge', 'us-east-1b', 0.42, NOW - 20 * MINUTE);
      subject.recordPrice('g6.xlarge', 'us-east-1a', 0.39, NOW - 10 * MINUTE);
      subject.recordPrice('g5.xlarge', 'us-east-1b', 0.35, NOW - 30 * MINUTE);
      subject.recordPrice('p3.2xlarge', 'us-east-1b', 0.92, NOW - 30 * MINUTE);

      // Act
      const quotes = await subject.port.recentSpotPrices(['g6.xlarge', 'g5.xlarge'], HOUR_AGO, NOW);

      // Assess
      expect(quotes).toEqual([
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', availabilityZoneId: 'use1-az2', usdPerHour: 0.35, timestampMs: NOW - 30 * MINUTE },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a', availabilityZoneId: 'use1-az1', usdPerHour: 0.39, timestampMs: NOW - 10 * MINUTE },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', availabilityZoneId: 'use1-az2', usdPerHour: 0.42, timestampMs: NOW - 20 * MINUTE },
      ]);
    });

    it('answers the price in effect at the start of the window, with the time it took effect', async () => {
      // Prepare
      subject.recordPrice('g6.xlarge', 'us-east-1c', 0.5, NOW - 9 * 60 * MINUTE);
      subject.recordPrice('g6.xlarge', 'us-east-1c', 0.41, NOW - 5 * 60 * MINUTE);

      // Act
      const quotes = await subject.port.recentSpotPrices(['g6.xlarge'], HOUR_AGO, NOW);

      // Assess
      expect(quotes.map((q) => [q.usdPerHour, q.timestampMs])).toEqual([[0.41, NOW - 5 * 60 * MINUTE]]);
    });

    it('leaves out price changes after the end of the window', async () => {
      // Prepare
      subject.recordPrice('g6e.xlarge', 'us-east-1a', 0.78, NOW - 30 * MINUTE);
      subject.recordPrice('g6e.xlarge', 'us-east-1a', 1.2, NOW + 5 * MINUTE);

      // Act
      const quotes = await subject.port.recentSpotPrices(['g6e.xlarge'], HOUR_AGO, NOW);

      // Assess
      expect(quotes.map((q) => q.usdPerHour)).toEqual([0.78]);
    });

    it('keeps one quote per type and zone across many changes (and pages)', async () => {
      // Prepare
      const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      GPU_TYPES.forEach((type, t) => zones.forEach((zone, z) => [0, 1, 2].forEach((k) => subject.recordPrice(type, zone, 0.3 + t / 10 + z / 100 + k / 1000, NOW - (40 - k * 10) * MINUTE))));

      // Act
      const quotes = await subject.port.recentSpotPrices(GPU_TYPES, HOUR_AGO, NOW);

      // Assess
      expect(quotes).toHaveLength(9);
      expect(quotes.every((q) => q.timestampMs === NOW - 20 * MINUTE)).toBe(true);
      expect(quotes.find((q) => q.instanceType === 'g6e.xlarge' && q.availabilityZone === 'us-east-1c')?.usdPerHour).toBeCloseTo(0.522, 9);
    });

    it('answers no quote for no instance type', async () => {
      // Prepare
      subject.recordPrice('g6.xlarge', 'us-east-1a', 0.39, NOW - 10 * MINUTE);

      // Act
      const quotes = await subject.port.recentSpotPrices([], HOUR_AGO, NOW);

      // Assess
      expect(quotes).toEqual([]);
    });

    it('rejects a window that starts after it ends, as not retryable', async () => {
      // Act
      const read = subject.port.recentSpotPrices(['g6.xlarge'], NOW, HOUR_AGO);

      // Assess
      await expect(read).rejects.toBeInstanceOf(SpotPriceError);
      await expect(read).rejects.toMatchObject({ retryable: false });
    });

    it('rejects with a retryable SpotPriceError when EC2 throttles', async () => {
      // Prepare
      subject.throttleNext();

      // Act
      const read = subject.port.recentSpotPrices(['g6.xlarge'], HOUR_AGO, NOW);

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'SpotPriceError', code: 'RequestLimitExceeded', retryable: true });
    });

    it("scores the region's zones 1..10, best first, with the zone's name and id", async () => {
      // Prepare
      subject.recordScore('us-east-1a', 6);
      subject.recordScore('us-east-1b', 9);
      subject.recordScore('us-east-1c', 8);

      // Act
      const scores = await subject.port.placementScores(GPU_TYPES, 4);

      // Assess
      expect(scores).toEqual([
        { region: 'us-east-1', availabilityZoneId: 'use1-az2', availabilityZone: 'us-east-1b', score: 9 },
        { region: 'us-east-1', availabilityZoneId: 'use1-az4', availabilityZone: 'us-east-1c', score: 8 },
        { region: 'us-east-1', availabilityZoneId: 'use1-az1', availabilityZone: 'us-east-1a', score: 6 },
      ]);
    });

    it('answers no scores for fewer than three distinct instance types', async () => {
      // Prepare
      subject.recordScore('us-east-1b', 9);

      // Act
      const scores = await subject.port.placementScores(['g6.xlarge', 'g6.xlarge', 'g5.xlarge'], 4);

      // Assess
      expect(scores).toEqual([]);
    });

    it('answers no scores for a target capacity below one instance', async () => {
      // Prepare
      subject.recordScore('us-east-1b', 9);

      // Act
      const scores = await subject.port.placementScores(GPU_TYPES, 0);

      // Assess
      expect(scores).toEqual([]);
    });

    it('answers no scores, without rejecting, when EC2 throttles', async () => {
      // Prepare
      subject.recordScore('us-east-1b', 9);
      subject.throttleNext();

      // Act
      const scores = await subject.port.placementScores(GPU_TYPES, 4);

      // Assess
      expect(scores).toEqual([]);
    });
  });
};
