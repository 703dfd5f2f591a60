/** The default scenario's policy table, as `npm start` prints it (the oracle row is its baseline). */
import { formatPolicyTable } from '../sim/report/format-policy-table';
import { runSimulation } from '../sim/run-simulation';
import { DEFAULT_SEED, defaultFleet, defaultPolicies, defaultTrace, specOf } from '../sim/scenarios/default-scenario';

export const benchDefaultScenario = async (): Promise<string> => {
  const fleet = defaultFleet();
  const report = await runSimulation({ name: 'default', spec: specOf(fleet), trace: defaultTrace(7), seed: DEFAULT_SEED, policies: defaultPolicies(fleet) });
  return formatPolicyTable(report, { color: false }).split('\n').slice(0, 9).join('\n');
};
