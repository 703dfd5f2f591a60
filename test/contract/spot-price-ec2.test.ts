/** Runs the SpotPricePort contract against Ec2SpotPrices over a mocked EC2 Spot market that pages by two records. */
import { Ec2SpotPrices } from '../../layers/adapters/aws/ec2-spot-prices';
import { fakeSpotMarket, zoneIdOf } from '../helpers/fake-ec2-spot-market';
import { describeSpotPriceContract } from './spot-price.contract';

const NOW = Date.UTC(2026, 2, 1, 12);

describeSpotPriceContract('Ec2SpotPrices on a mocked EC2', () => {
  const market = fakeSpotMarket();
  return {
    port: new Ec2SpotPrices({ ec2: market.ec2, clock: { nowMs: () => NOW } }),
    recordPrice: (type, zone, price, atMs) =>
      market.putRecord({ AvailabilityZone: zone, AvailabilityZoneId: zoneIdOf(zone), InstanceType: type as never, ProductDescription: 'Linux/UNIX', SpotPrice: price.toFixed(6), Timestamp: new Date(atMs) }),
    recordScore: (zone, score) => market.putScore(zoneIdOf(zone), score),
    throttleNext: () => {
      market.failNext('DescribeSpotPriceHistory', 'RequestLimitExceeded');
      market.failNext('GetSpotPlacementScores', 'RequestLimitExceeded');
    },
  };
});
