// The forecast scaler's edge: the schedule rule's Scheduled Event and our Forecast Step parse; anything else is named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastStepEvent } from '../../../layers/core/forecast-step-event';
import type { EventParseError } from '../../../layers/events/errors';
import { parseForecastTrigger, type ForecastTriggerResult } from '../../../layers/events/forecast-trigger';
import { eventFixture, withField, withoutField, type JsonObject } from '../../fixtures/events/factories';

const fixture = (name: 'scheduled-event' | 'forecast-step'): JsonObject =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as JsonObject;

const errorOf = (result: ForecastTriggerResult): EventParseError => {
  if (result.ok) throw new Error(`expected an error, got a ${result.trigger.kind} trigger`);
  return result.error;
};

describe('parseForecastTrigger', () => {
  it('reads the schedule rule\'s Scheduled Event as a run of every fleet', () => {
    // Act
    const result = parseForecastTrigger(fixture('scheduled-event'));

    // Assess
    expect(result).toEqual({
      ok: true,
      trigger: { kind: 'scheduled-run', eventId: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', emittedAtMs: Date.UTC(2015, 9, 8, 16, 53, 6) },
    });
  });

  it('reads a Forecast Step with its fleet, target, effective time and run', () => {
    // Act
    const result = parseForecastTrigger(fixture('forecast-step'));

    // Assess
    expect(result).toEqual({
      ok: true,
      trigger: {
        kind: 'forecast-step',
        eventId: 'fs-fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f-20240514T064500Z',
        emittedAtMs: Date.UTC(2024, 4, 14, 6, 41, 0),
        fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f',
        targetUnits: 2400,
        effectiveAtMs: 1715669100000,
        runId: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
      },
    });
  });

  it('reads the event our step scheduler builds, so what we schedule is what we accept', () => {
    // Prepare
    const atMs = Date.UTC(2026, 2, 1, 12, 5, 0, 250);
    const detail = { fleetId: 'fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90', targetUnits: 1200, effectiveAtMs: atMs + 420_000, runId: 'run-1' };

    // Act
    const result = parseForecastTrigger(forecastStepEvent({ name: 'fs-step-1', atMs, account: '123456789012', region: 'eu-west-1', detail }));

    // Assess
    expect(result).toMatchObject({ ok: true, trigger: { kind: 'forecast-step', eventId: 'fs-step-1', emittedAtMs: Date.UTC(2026, 2, 1, 12, 5, 1), ...detail } });
  });

  it.each([
    ['a string target', ['detail', 'targetUnits'], '2400', 'detail.targetUnits'],
    ['a negative target', ['detail', 'targetUnits'], -1, 'detail.targetUnits'],
    ['a fractional target', ['detail', 'targetUnits'], 12.5, 'detail.targetUnits'],
    ['an infinite target', ['detail', 'targetUnits'], Number.POSITIVE_INFINITY, 'detail.targetUnits'],
    ['a fleet id that is no EC2 Fleet id', ['detail', 'fleetId'], 'bert-large-prod', 'detail.fleetId'],
    ['an upper-case fleet id', ['detail', 'fleetId'], 'fleet-5C4E3BD2', 'detail.fleetId'],
    ['a numeric fleet id', ['detail', 'fleetId'], 5, 'detail.fleetId'],
    ['an effective time of zero', ['detail', 'effectiveAtMs'], 0, 'detail.effectiveAtMs'],
    ['an ISO effective time', ['detail', 'effectiveAtMs'], '2024-05-14T06:45:00Z', 'detail.effectiveAtMs'],
    ['an effective time past the range of a Date', ['detail', 'effectiveAtMs'], 9e15, 'detail.effectiveAtMs'],
    ['an empty run id', ['detail', 'runId'], '', 'detail.runId'],
    ['a detail that is an array', ['detail'], [], 'detail'],
    ['a detail that is null', ['detail'], null, 'detail'],
    ['a time that is not ISO 8601', ['time'], '14/05/2024 06:41', 'time'],
    ['a version 1 envelope', ['version'], '1', 'version'],
    ['a numeric id', ['id'], 42, 'id'],
  ] as const)('rejects a Forecast Step with %s, naming %s', (_what, path, value, field) => {
    // Act
    const error = errorOf(parseForecastTrigger(withField(fixture('forecast-step'), path, value)));

    // Assess
    expect(error.fields).toEqual([field]);
    expect(error.message).toContain(`${field}: `);
    expect(error.detailType).toBe('Forecast Step');
    expect(error.retryable).toBe(false);
  });

  it.each(['fleetId', 'targetUnits', 'effectiveAtMs', 'runId'])('rejects a Forecast Step without detail.%s, naming it', (key) => {
    // Act
    const error = errorOf(parseForecastTrigger(withoutField(fixture('forecast-step'), ['detail', key])));

    // Assess
    expect(error.fields).toEqual([`detail.${key}`]);
    expect(error.eventId).toBe('fs-fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f-20240514T064500Z');
  });

  it('names every failing field of a Forecast Step at once, with the event id', () => {
    // Prepare
    const raw = withField(withField(fixture('forecast-step'), ['detail', 'targetUnits'], -5), ['detail', 'fleetId'], 'fleet-XYZ');

    // Act
    const error = errorOf(parseForecastTrigger(raw));

    // Assess
    expect(error.fields).toEqual(['detail.fleetId', 'detail.targetUnits']);
    expect(error.message).toMatch(/^Forecast Step event fs-fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f-20240514T064500Z: detail\.fleetId: .*; detail\.targetUnits: /);
  });

  it.each([
    ['without resources', withoutField(fixture('scheduled-event'), ['resources']), 'resources'],
    ['with a detail that is a string', withField(fixture('scheduled-event'), ['detail'], '{}'), 'detail'],
    ['with a time in another zone', withField(fixture('scheduled-event'), ['time'], '2015-10-08T18:53:06+02:00'), 'time'],
    ['without time', withoutField(fixture('scheduled-event'), ['time']), 'time'],
  ])('rejects a Scheduled Event %s, naming %s', (_what, raw, field) => {
    // Act
    const error = errorOf(parseForecastTrigger(raw));

    // Assess
    expect(error.fields).toEqual([field]);
    expect(error.detailType).toBe('Scheduled Event');
    expect(error.eventId).toBe('53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa');
  });

  it.each([
    ['null', null],
    ['an array', [fixture('scheduled-event')]],
    ['a string', 'Scheduled Event'],
    ['a number', 300],
    ['undefined', undefined],
  ])('rejects %s as the event itself', (_what, raw) => {
    // Act
    const error = errorOf(parseForecastTrigger(raw));

    // Assess
    expect(error.fields).toEqual(['(event)']);
    expect(error.message).toMatch(/^forecast trigger: expected an EventBridge event, received /);
  });

  it.each([
    ['a Spot interruption warning', eventFixture('spot-interruption-warning'), 'aws.ec2', 'EC2 Spot Instance Interruption Warning'],
    ['our Incident Follow-up', eventFixture('incident-follow-up'), 'gpu-fleet-autopilot', 'Incident Follow-up'],
    ['a Scheduled Event from another source', withField(fixture('scheduled-event'), ['source'], 'aws.scheduler'), 'aws.scheduler', 'Scheduled Event'],
  ])('acknowledges %s as ignored, saying what it was', (_what, raw, source, detailType) => {
    // Act
    const result = parseForecastTrigger(raw);

    // Assess
    expect(result).toMatchObject({ ok: true, trigger: { kind: 'ignored', eventId: raw.id } });
    expect(result.ok && result.trigger.kind === 'ignored' && result.trigger.reason).toBe(
      `no forecast trigger for source "${source}" detail-type "${detailType}"`,
    );
  });

  it('rejects an object that is no EventBridge event instead of ignoring it unseen', () => {
    // Act
    const error = errorOf(parseForecastTrigger({ fleet: 'bert-large-prod' }));

    // Assess
    expect(error.fields).toEqual(expect.arrayContaining(['version', 'id', 'source', 'detail-type', 'time']));
    expect(error.message).toMatch(/^EventBridge event \(no id\): /);
  });

  it('turns a throwing proxy into an error result', () => {
    // Prepare
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });

    // Act
    const error = errorOf(parseForecastTrigger(hostile));

    // Assess
    expect(error.message).toBe('forecast trigger could not be read: Error: trap');
  });

  it('turns a throwing id getter on an event of another kind into an error result', () => {
    // Prepare
    const raw = eventFixture('spot-interruption-warning');
    Object.defineProperty(raw, 'id', { enumerable: true, get: () => { throw new RangeError('id'); } });

    // Act
    const error = errorOf(parseForecastTrigger(raw));

    // Assess
    expect(error.message).toContain('RangeError: id');
  });
});
