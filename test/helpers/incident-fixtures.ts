// Incident records for message tests: a realistic example factory and a fast-check arbitrary of any incident.
import fc from 'fast-check';
import type { ActionStatus, Incident, IncidentPhase } from '../../layers/core/incident';

/** 2026-03-14T03:12:00Z: the night the g5 pool in us-east-1a was reclaimed. */
export const WARNING_AT_MS = Date.UTC(2026, 2, 14, 3, 12, 0);

/** An interruption warning on a BERT-large fleet, surge and drain applied, 87 s before the deadline. */
export const makeIncident = (overrides: Partial<Incident> = {}): Incident => ({
  incidentId: 'spot-i-0a1b2c3d4e5f60718',
  instanceId: 'i-0a1b2c3d4e5f60718',
  fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b',
  fleetName: 'bert-large-search',
  pool: { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot' },
  capacityUnits: 120,
  fleetUnitsAtOpen: 960,
  phase: 'interruption-warned',
  spotAction: 'terminate',
  deadlineMs: WARNING_AT_MS + 120_000,
  openedAtMs: WARNING_AT_MS + 1_500,
  updatedAtMs: WARNING_AT_MS + 33_000,
  signals: [
    {
      kind: 'spot-interruption-warning',
      eventId: '5a7f2e4c-9b1d-4c3e-8f6a-2d0b9e7c1a55',
      emittedAtMs: WARNING_AT_MS,
      receivedAtMs: WARNING_AT_MS + 1_500,
    },
  ],
  surge: {
    units: 120,
    fromTotal: 960,
    toTotal: 1080,
    status: 'applied',
    atMs: WARNING_AT_MS + 2_000,
    avoidedPools: ['g5.xlarge:us-east-1a:spot'],
    removedOverrides: [],
  },
  drain: { deadlineMs: WARNING_AT_MS + 120_000, status: 'applied', atMs: WARNING_AT_MS + 2_300 },
  reasons: ['interruption warning for i-0a1b2c3d4e5f60718: replace 120 QPS away from g5.xlarge:us-east-1a:spot'],
  notification: { channel: 'C0123456789', ts: '1773457921.000200', postedRevisions: ['interruption-warned'] },
  dryRun: false,
  version: 3,
  ...overrides,
});

const PHASES: IncidentPhase[] = ['rebalance-recommended', 'scheduled-change', 'interruption-warned', 'closed', 'stood-down'];
const STATUSES: ActionStatus[] = ['applied', 'dry-run', 'blocked', 'failed', 'skipped'];

/** Any text, up to ~8,000 UTF-16 units, with Slack's control characters and astral code points. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 400 }))
    .map(([chunk, times]) => chunk.repeat(times)),
  fc.constantFrom('<!channel> & <@U0>', 'a&b<c>d', '&amp;&lt;'),
);
const ms = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
const units = fc.integer({ min: 0, max: 1_000_000 });
const status = fc.constantFrom(...STATUSES);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Any incident the ledger could hold, including hostile names, errors and reasons. */
export const anyIncident: fc.Arbitrary<Incident> = fc.record({
  incidentId: anyText,
  instanceId: anyText,
  fleetId: anyText,
  fleetName: anyText,
  pool: fc.record({
    instanceType: anyText,
    availabilityZone: anyText,
    market: fc.constantFrom('spot' as const, 'on-demand' as const),
  }),
  capacityUnits: units,
  fleetUnitsAtOpen: units,
  phase: fc.constantFrom(...PHASES),
  spotAction: maybe(fc.constantFrom('terminate' as const, 'stop' as const, 'hibernate' as const)),
  deadlineMs: maybe(ms),
  openedAtMs: ms,
  updatedAtMs: ms,
  signals: fc.array(
    fc.record({
      kind: anyText,
      eventId: anyText,
      emittedAtMs: ms,
      receivedAtMs: ms,
      late: maybe(fc.boolean()),
      detail: maybe(anyText),
    }),
    { maxLength: 30 },
  ),
  surge: maybe(
    fc.record({
      units,
      fromTotal: units,
      toTotal: units,
      status,
      atMs: ms,
      avoidedPools: fc.array(anyText, { maxLength: 20 }),
      removedOverrides: fc.constant([]),
      error: maybe(anyText),
      undone: maybe(fc.record({ atMs: ms, status, fromTotal: units, toTotal: units, error: maybe(anyText) })),
    }),
  ),
  drain: maybe(
    fc.record({
      deadlineMs: ms,
      status,
      atMs: ms,
      error: maybe(anyText),
      acknowledgedAtMs: maybe(ms),
      undone: maybe(fc.record({ atMs: ms, status, error: maybe(anyText) })),
    }),
  ),
  outcome: maybe(
    fc.record({
      finalState: fc.constantFrom('terminated' as const, 'stopped' as const, 'missed-notice' as const),
      closedAtMs: ms,
      lostUnits: units,
      drainedBeforeDeadline: maybe(fc.boolean()),
    }),
  ),
  reasons: fc.array(anyText, { maxLength: 60 }),
  dryRun: fc.boolean(),
  version: fc.integer({ min: 1, max: 1_000 }),
});
