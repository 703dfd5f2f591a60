// One CloudWatch dashboard per stack with a band of graphs per fleet (config/fleets.yaml), resolved by `serverless package`:
//   resources:
//     - ${file(./infra/dashboard.cjs):resources}
// Per fleet: the spend rate against its band (the spend-rate check, every 5 minutes), the daily cost and $ per 1k
// requests (the cost report, one datapoint a day), GPU utilization (the CloudWatch agent's FleetId roll-up), capacity
// vs forecast vs demand (the forecast scaler), interruptions, actions and savings (the cost report).
// Body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

/** The autopilot's namespace (METRICS_NAMESPACE's default in layers/platform/config.ts). */
const NAMESPACE = 'GpuFleetAutopilot';
const DAY = 86_400;
const FIVE_MINUTES = 300;
// A dashboard holds at most 500 widgets (DashboardBody reference); each fleet takes SIX.
const MAX_WIDGETS = 500;
const SIX = 6;
// Stands for the stack's region in the body, which is then joined around `Ref: AWS::Region` (a body is a string).
const REGION = '@@REGION@@';

/** `[namespace, metric, dimension, value, { options }]`: the metrics-array format of a metric widget. */
const ours = (metric, fleet, options) => [NAMESPACE, metric, 'Fleet', fleet.name, options];

/**
 * The cost report publishes each daily figure once per day at midnight (a retried report publishes the same value
 * again): `Maximum` over a day's period shows the figure, not the sum of the runs.
 */
const daily = (metric, fleet, label) => ours(metric, fleet, { stat: 'Maximum', period: DAY, label });

const graph = (x, y, width, title, metrics, extra = {}) => ({
  type: 'metric',
  x,
  y,
  width,
  height: 6,
  properties: { title, region: REGION, view: 'timeSeries', stacked: false, metrics, ...extra },
});

/** The six widgets of one fleet, from row `y`: a title line, then two rows of graphs. */
const fleetWidgets = (fleet, y) => [
  { type: 'text', x: 0, y, width: 24, height: 1, properties: { markdown: `## ${fleet.name} (${fleet.fleetId})` } },
  graph(0, y + 1, 8, 'Spend rate ($/h) vs its band', [
    ours('SpendRateUsdPerHour', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'spend rate' }),
    ours('ExpectedSpendUsdPerHour', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'expected' }),
    ours('SpendBandUpperUsdPerHour', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'band upper' }),
  ]),
  graph(8, y + 1, 8, 'Daily cost ($) and $ per 1k requests', [
    daily('DailyCostUsd', fleet, 'cost ($/day)'),
    daily('DailyOnDemandCostUsd', fleet, 'on-demand ($/day)'),
    [...daily('CostPer1kRequestsUsd', fleet, '$ per 1k requests').slice(0, 4), { stat: 'Maximum', period: DAY, label: '$ per 1k requests', yAxis: 'right' }],
  ]),
  graph(16, y + 1, 8, 'GPU utilization (%)', [
    ['CWAgent', 'nvidia_smi_utilization_gpu', 'FleetId', fleet.fleetId, { stat: 'Average', period: FIVE_MINUTES, label: 'fleet average' }],
    daily('IdleGpuHours', fleet, 'idle GPU-hours (day)'),
  ], { yAxis: { left: { min: 0, max: 100 } } }),
  graph(0, y + 7, 12, 'Capacity vs forecast vs demand (units = QPS at the SLO)', [
    ours('TargetCapacityUnits', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'target capacity' }),
    ours('PlannedCapacityUnits', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'planned (lead time ahead)' }),
    ours('ForecastUpperQps', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'forecast upper' }),
    ours('ForecastDemandQps', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'forecast' }),
    ours('ObservedDemandQps', fleet, { stat: 'Average', period: FIVE_MINUTES, label: 'observed demand' }),
  ]),
  graph(12, y + 7, 12, 'Interruptions, actions and savings (per day)', [
    daily('Interruptions', fleet, 'Spot interruptions'),
    daily('ActionsApplied', fleet, 'actions applied'),
    [...daily('AutopilotSavingsUsd', fleet, 'saved ($)').slice(0, 4), { stat: 'Maximum', period: DAY, label: 'saved ($)', yAxis: 'right' }],
  ]),
];

/** `Fn::Join` of the body around the region: no `Fn::Sub`, so nothing in a fleet's name is read as a variable. */
const withRegion = (body) => ({ 'Fn::Join': ['', body.split(REGION).flatMap((part, i) => (i === 0 ? [part] : [{ Ref: 'AWS::Region' }, part]))] });

/**
 * The CloudFormation `Resources` of the stack's dashboard, named `<prefix>-fleets`.
 *
 * @param {{ fleets?: Array<Record<string, unknown>> }} fleetsFile the parsed fleets file
 * @param {string} prefix the stack's `${service}-${stage}`
 */
const dashboardResources = (fleetsFile, prefix) => {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_-]{1,248}$/.test(prefix)) {
    throw new Error(`dashboard: the prefix must be 1-248 letters, digits, _ and - (a dashboard name allows no other), got ${JSON.stringify(prefix)}`);
  }
  const fleets = fleetsFile?.fleets ?? [];
  if (fleets.length === 0) throw new Error('config/fleets.yaml: no fleet to show on the dashboard');
  if (fleets.length * SIX > MAX_WIDGETS) throw new Error(`dashboard: ${fleets.length} fleets need ${fleets.length * SIX} widgets, more than the ${MAX_WIDGETS} a dashboard holds`);
  fleets.forEach((fleet, index) => {
    if (typeof fleet.fleetId !== 'string' || typeof fleet.name !== 'string') throw new Error(`config/fleets.yaml: fleets[${index}] needs a fleetId and a name`);
  });
  const widgets = fleets.flatMap((fleet, index) => fleetWidgets(fleet, index * 13));
  return {
    FleetsDashboard: {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: {
        DashboardName: `${prefix}-fleets`,
        DashboardBody: withRegion(JSON.stringify({ start: '-P7D', periodOverride: 'inherit', widgets })),
      },
    },
  };
};

const readFleetsFile = () => parse(readFileSync(join(__dirname, '..', 'config', 'fleets.yaml'), 'utf8'));

module.exports = {
  /** For `${file(./infra/dashboard.cjs):resources}`: osls calls it with its variable resolver. */
  resources: async ({ resolveVariable }) => ({
    Resources: dashboardResources(readFleetsFile(), await resolveVariable('self:custom.prefix')),
  }),
  dashboardResources,
};
