// CloudWatch alarms on each fleet's GPU utilization and memory (config/fleets.yaml), resolved by `serverless package`:
//   resources:
//     - ${file(./infra/gpu-alarms.cjs):resources}
// Three alarms per fleet, named `<service>-<stage>.<fleet name>.<kind>` (layers/core/gpu-alarm/alarm-name.ts reads
// them back), on the fleet-wide series the CloudWatch agent rolls up on FleetId (infra/cloudwatch-agent-gpu.md).
// No alarm actions: CloudWatch sends every state change to EventBridge ("CloudWatch Alarm State Change"), and the
// gpu-alarm function's rule picks them up there.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');
// The same numbers the fleets schema and the decisions use (gpuAlarmThresholdsOf), from one file.
const DEFAULTS = require('../layers/core/gpu-alarm/alarm-threshold-defaults.json');

const KINDS = ['gpu-low', 'gpu-high', 'gpu-memory-high'];
const FIELDS = ['lowUtilizationPercent', 'highUtilizationPercent', 'highMemoryPercent', 'periodSeconds', 'evaluationPeriods', 'datapointsToAlarm'];

/** As alarmNameOf in layers/core/gpu-alarm/alarm-name.ts (a test holds the two equal). */
const alarmNameOf = (prefix, fleetName, kind) => `${prefix}.${fleetName}.${kind}`;

const isPercent = (v) => typeof v === 'number' && v > 0 && v < 100;
const isIntIn = (min, max) => (v) => Number.isInteger(v) && v >= min && v <= max;
// The ranges of layers/platform/fleet-gpu-alarms-schema.ts; PutMetricAlarm: Period 10, 20, 30 or a multiple of 60
// (minute data: multiples of 60 only), Period x EvaluationPeriods at most a day under an hour's period, else 7 days.
const FIELD_RULES = {
  lowUtilizationPercent: [isPercent, 'a number above 0 and below 100'],
  highUtilizationPercent: [isPercent, 'a number above 0 and below 100'],
  highMemoryPercent: [isPercent, 'a number above 0 and below 100'],
  periodSeconds: [(v) => isIntIn(60, 86_400)(v) && v % 60 === 0, 'a multiple of 60 from 60 to 86400'],
  evaluationPeriods: [isIntIn(1, 1440), 'an integer from 1 to 1440'],
  datapointsToAlarm: [isIntIn(1, 1440), 'an integer from 1 to 1440'],
};

/** The fleet's thresholds: its `gpuAlarms` block over its tier's defaults; throws naming the field. */
const thresholdsOf = (fleet, index) => {
  const where = `config/fleets.yaml: fleets[${index}]`;
  if (typeof fleet.fleetId !== 'string' || !/^fleet-[0-9a-f-]+$/.test(fleet.fleetId)) throw new Error(`${where}.fleetId: must be an EC2 Fleet id`);
  if (typeof fleet.name !== 'string' || fleet.name.length === 0 || fleet.name.length > 64) throw new Error(`${where}.name: must be 1-64 characters`);
  const tierDefaults = DEFAULTS.tiers[fleet.tier];
  if (!tierDefaults) throw new Error(`${where}.tier: ${fleet.tier} is not one of ${Object.keys(DEFAULTS.tiers).join('|')}`);
  const block = fleet.gpuAlarms ?? {};
  if (typeof block !== 'object' || Array.isArray(block)) throw new Error(`${where}.gpuAlarms: must be a mapping`);
  for (const [field, value] of Object.entries(block)) {
    const rule = FIELD_RULES[field];
    if (!rule) throw new Error(`${where}.gpuAlarms.${field}: unknown field (one of ${FIELDS.join(', ')})`);
    if (!rule[0](value)) throw new Error(`${where}.gpuAlarms.${field}: must be ${rule[1]}, got ${JSON.stringify(value)}`);
  }
  const t = { ...tierDefaults, ...block };
  if (t.lowUtilizationPercent >= t.highUtilizationPercent) {
    throw new Error(`${where}.gpuAlarms.lowUtilizationPercent: must be below highUtilizationPercent (${t.highUtilizationPercent})`);
  }
  if (t.datapointsToAlarm > t.evaluationPeriods) {
    throw new Error(`${where}.gpuAlarms.datapointsToAlarm: must not exceed evaluationPeriods (${t.evaluationPeriods})`);
  }
  const limit = t.periodSeconds < 3600 ? 86_400 : 604_800;
  if (t.periodSeconds * t.evaluationPeriods > limit) {
    throw new Error(`${where}.gpuAlarms.evaluationPeriods: periodSeconds x evaluationPeriods must not exceed ${limit} s`);
  }
  return t;
};

const metricStat = (fleet, metricName, stat, periodSeconds) => ({
  Metric: {
    Namespace: DEFAULTS.namespace,
    MetricName: metricName,
    Dimensions: [{ Name: DEFAULTS.fleetDimension, Value: fleet.fleetId }],
  },
  Period: periodSeconds,
  Stat: stat,
});

// Average over every GPU of the fleet: each GPU's datapoints land in the one FleetId series.
const utilizationQueries = (fleet, t) => [
  {
    Id: 'utilization',
    Label: 'GPU utilization (%), fleet average',
    MetricStat: metricStat(fleet, DEFAULTS.metrics.utilization, 'Average', t.periodSeconds),
    ReturnData: true,
  },
];

// Occupancy of the fleet's GPU memory: used and total come from the same nvidia-smi samples, so the ratio of sums
// is the share of all the fleet's GPU memory in use (with types of different sizes weighted by their memory).
const memoryQueries = (fleet, t) => [
  { Id: 'used', MetricStat: metricStat(fleet, DEFAULTS.metrics.memoryUsed, 'Sum', t.periodSeconds), ReturnData: false },
  { Id: 'total', MetricStat: metricStat(fleet, DEFAULTS.metrics.memoryTotal, 'Sum', t.periodSeconds), ReturnData: false },
  { Id: 'memory', Expression: '100 * used / total', Label: 'GPU memory used (%), fleet', ReturnData: true },
];

const KIND_SPECS = {
  'gpu-low': {
    comparison: 'LessThanThreshold',
    threshold: (t) => t.lowUtilizationPercent,
    queries: utilizationQueries,
    what: (t) => `fleet-wide GPU utilization below ${t.lowUtilizationPercent}%`,
  },
  'gpu-high': {
    comparison: 'GreaterThanThreshold',
    threshold: (t) => t.highUtilizationPercent,
    queries: utilizationQueries,
    what: (t) => `fleet-wide GPU utilization above ${t.highUtilizationPercent}%`,
  },
  'gpu-memory-high': {
    comparison: 'GreaterThanThreshold',
    threshold: (t) => t.highMemoryPercent,
    queries: memoryQueries,
    what: (t) => `more than ${t.highMemoryPercent}% of the fleet's GPU memory in use`,
  },
};

const pascal = (kind) => kind.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
/** Stable across reorderings of the fleets file: a renamed logical id would replace a custom-named alarm and fail. */
const logicalIdOf = (fleet, kind) => `${pascal(kind)}Alarm${fleet.fleetId.replace(/^fleet-/, '').replace(/[^0-9A-Za-z]/g, '')}`;

const alarmOf = (prefix, fleet, t, kind) => {
  const spec = KIND_SPECS[kind];
  const description =
    `${fleet.name} (${fleet.fleetId}): ${spec.what(t)} in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ` +
    `${t.periodSeconds} s. INSUFFICIENT_DATA: the fleet's GPU hosts stopped publishing (never read as idle).`;
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: alarmNameOf(prefix, fleet.name, kind),
      AlarmDescription: description.slice(0, 1024),
      ComparisonOperator: spec.comparison,
      Threshold: spec.threshold(t),
      EvaluationPeriods: t.evaluationPeriods,
      DatapointsToAlarm: t.datapointsToAlarm,
      // `missing`: with no datapoint in the evaluation range the alarm goes INSUFFICIENT_DATA; a silent fleet is
      // never counted as breaching (idle) nor as fine.
      TreatMissingData: 'missing',
      Metrics: spec.queries(fleet, t),
    },
  };
};

/**
 * The CloudFormation `Resources` of every fleet's three GPU alarms.
 *
 * @param {{ fleets?: Array<Record<string, unknown>> }} fleetsFile the parsed fleets file
 * @param {string} prefix the stack's `${service}-${stage}`
 */
const gpuAlarmResources = (fleetsFile, prefix) => {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_-]+$/.test(prefix)) {
    throw new Error(`gpu alarms: the prefix must be letters, digits, _ and - (no dot), got ${JSON.stringify(prefix)}`);
  }
  const fleets = fleetsFile?.fleets ?? [];
  if (fleets.length === 0) throw new Error('config/fleets.yaml: no fleet to alarm on');
  const resources = {};
  fleets.forEach((fleet, index) => {
    const t = thresholdsOf(fleet, index);
    for (const kind of KINDS) resources[logicalIdOf(fleet, kind)] = alarmOf(prefix, fleet, t, kind);
  });
  return resources;
};

const readFleetsFile = () => parse(readFileSync(join(__dirname, '..', 'config', 'fleets.yaml'), 'utf8'));

module.exports = {
  /** For `${file(./infra/gpu-alarms.cjs):resources}`: osls calls it with its variable resolver. */
  resources: async ({ resolveVariable }) => ({
    Resources: gpuAlarmResources(readFleetsFile(), await resolveVariable('self:custom.prefix')),
  }),
  gpuAlarmResources,
  thresholdsOf,
};
