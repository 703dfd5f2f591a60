/** Runs the SpotPricePort contract against the in-memory Spot market twin. */
import { InMemorySpotPrices } from '../../layers/twins/in-memory-spot-prices';
import { describeSpotPriceContract } from './spot-price.contract';

describeSpotPriceContract('InMemorySpotPrices', () => {
  const market = new InMemorySpotPrices();
  return {
    port: market,
    recordPrice: (type, zone, price, atMs) => market.setPrice(type, zone, price, atMs),
    recordScore: (zone, score) => market.setPlacementScore(zone, score),
    throttleNext: () => market.failNext('throttling'),
  };
});
