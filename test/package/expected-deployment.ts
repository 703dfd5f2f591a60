// What the packaged `ci` stage must contain: the rules, retry ages and environment names the code relies on.

export const STAGE = 'ci';
export const FUNCTION_LOGICAL_ID = 'SpotInterruptionLambdaFunction';
export const FUNCTION_NAME = 'gpu-fleet-autopilot-ci-spot-interruption';
export const HANDLER = 'functions/spot-interruption/handler.handler';
export const HANDLER_BUNDLE = 'functions/spot-interruption/handler.mjs';
export const FLEETS_FILE = 'config/fleets.yaml';

/** The spot function's four EventBridge rules: exact patterns, and how long each signal stays worth delivering. */
export const RULES = [
  {
    name: 'gpu-fleet-autopilot-ci-spot-warning',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] },
    // The warning comes two minutes before the interruption; after that it is worthless.
    retryPolicy: { MaximumEventAgeInSeconds: 120, MaximumRetryAttempts: 2 },
  },
  {
    name: 'gpu-fleet-autopilot-ci-rebalance',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] },
    retryPolicy: { MaximumEventAgeInSeconds: 900 },
  },
  {
    name: 'gpu-fleet-autopilot-ci-state-change',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['stopping', 'stopped', 'shutting-down', 'terminated'] },
    },
    retryPolicy: { MaximumEventAgeInSeconds: 3600 },
  },
  {
    name: 'gpu-fleet-autopilot-ci-health-scheduled',
    pattern: {
      source: ['aws.health'],
      'detail-type': ['AWS Health Event'],
      detail: { service: ['EC2'], eventTypeCategory: ['scheduledChange'] },
    },
    retryPolicy: { MaximumEventAgeInSeconds: 21600 },
  },
];

/** The forecast scaler: a schedule rule every 5 minutes (the default param), its own role and failure destination. */
export const FORECAST = {
  functionLogicalId: 'ForecastScalerLambdaFunction',
  roleLogicalId: 'ForecastScalerIamRoleLambdaExecution',
  functionName: 'gpu-fleet-autopilot-ci-forecast-scaler',
  handler: 'functions/forecast-scaler/handler.handler',
  handlerBundle: 'functions/forecast-scaler/handler.mjs',
  rule: {
    name: 'gpu-fleet-autopilot-ci-forecast',
    schedule: 'rate(5 minutes)',
    // A run older than its interval is superseded by the next one.
    retryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 },
  },
  /** One retry of an async invocation within the run interval, then the failure queue. */
  invokeConfig: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 300 },
  /** What the spot function's environment has, plus the run interval the rule's rate is built from. */
  extraEnvironment: { FORECAST_RUN_INTERVAL_MINUTES: '5' },
} as const;

/** Exactly the variables layers/platform/config.ts reads. */
export const ENVIRONMENT_NAMES = [
  'STAGE',
  'LEDGER_TABLE',
  'FLEETS_FILE',
  'DRY_RUN',
  'KILL_SWITCH_PARAM',
  'SLACK_MODE',
  'SLACK_SECRET_PARAM',
  'SCHEDULER_GROUP',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULER_TARGET_ARN',
  'SCHEDULER_DLQ_ARN',
  'MAX_SURGE_UNITS_PER_EVENT',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
  'NODE_OPTIONS',
];

/** Values of the `ci` stage (the scheduler target ARN is checked apart: it is an Fn::Sub). */
export const ENVIRONMENT_VALUES = {
  STAGE: 'ci',
  LEDGER_TABLE: { Ref: 'LedgerTable' },
  FLEETS_FILE,
  DRY_RUN: 'false',
  KILL_SWITCH_PARAM: '/gpu-fleet-autopilot/ci/kill-switch',
  SLACK_MODE: 'bot',
  SLACK_SECRET_PARAM: '/gpu-fleet-autopilot/ci/slack-token',
  SCHEDULER_GROUP: { Ref: 'ScheduleGroup' },
  SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': ['SchedulerInvokeRole', 'Arn'] },
  SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] },
  MAX_SURGE_UNITS_PER_EVENT: '1000',
  POWERTOOLS_SERVICE_NAME: 'gpu-fleet-autopilot',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
};

/** Actions without resource-level permissions: the only ones a statement may grant on Resource "*". */
export const RESOURCELESS_ACTION = /^(ec2:Describe[A-Za-z]+|ec2:GetSpotPlacementScores|cloudwatch:GetMetricData|cloudwatch:PutMetricData)$/;

const MANAGED = { 'aws:ResourceTag/autopilot:managed': 'false' };
/**
 * Fleet and instance mutations need the resource to carry autopilot:managed; tagging is limited to the drain
 * protocol's keys, and aws:TagKeys must be present (a DeleteTags naming no keys deletes every tag, and
 * ForAllValues on an absent key would match).
 */
const DRAIN_TAGS_ONLY = {
  Null: { ...MANAGED, 'aws:TagKeys': 'false' },
  'ForAllValues:StringLike': { 'aws:TagKeys': ['autopilot:drain*'] },
};
export const MUTATION_CONDITIONS: Record<string, object> = {
  'ec2:ModifyFleet': { Null: MANAGED },
  'ec2:CreateTags': DRAIN_TAGS_ONLY,
  'ec2:DeleteTags': DRAIN_TAGS_ONLY,
  'ec2:TerminateInstances': { Null: MANAGED },
};
