/** Runs the FleetPort contract against the in-memory EC2 Fleet twin, seeded with the fixture world. */
import { FleetApiError } from '../../layers/ports/fleet-port';
import { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import { describeFleetContract, type InjectedErrorCode } from './fleet.contract';
import { ec2Fixture } from './fleet-ec2-fake';
import { SUBNET_ZONES, cliExampleFleetSeed, gpuFleetSeed, instanceSeeds } from './fleet-world';

const ERRORS = ec2Fixture<Record<string, { message: string }>>('errors.json');
const RETRYABLE: Record<InjectedErrorCode, boolean> = {
  RequestLimitExceeded: true,
  InternalError: true,
  UnauthorizedOperation: false,
};

describeFleetContract('InMemoryFleet', () => {
  const twin = new InMemoryFleet({
    fleets: [gpuFleetSeed(), cliExampleFleetSeed()],
    instances: instanceSeeds(),
    subnets: SUBNET_ZONES,
  });
  return {
    port: twin,
    failNext: (method, code) => twin.failNext(method, new FleetApiError(ERRORS[code]?.message ?? code, code, RETRYABLE[code])),
  };
});
