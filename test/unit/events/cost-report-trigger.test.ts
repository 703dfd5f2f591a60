// parseCostReportTrigger: the daily schedule rule's event, and on-demand { day } / { month } payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCostReportTrigger } from '../../../layers/events/cost-report-trigger';
import { withField, type JsonObject } from '../../fixtures/events/factories';

/** The documented "Scheduled Event" (test/fixtures/events/scheduled-event.json), as a cron rule fires it at 00:15 UTC on 2026-11-29. */
const scheduled = withField(JSON.parse(readFileSync('test/fixtures/events/scheduled-event.json', 'utf8')) as JsonObject, ['time'], '2026-11-29T00:15:00Z');

describe('parseCostReportTrigger', () => {
  it('reports the day before a schedule event', () => {
    // Act + Assess
    expect(parseCostReportTrigger(scheduled)).toEqual({ ok: true, trigger: { kind: 'day', dayStartMs: Date.UTC(2026, 10, 28) } });
  });

  it('reports the day or the month an invocation names', () => {
    // Act + Assess
    expect(parseCostReportTrigger({ day: '2026-02-28' })).toEqual({ ok: true, trigger: { kind: 'day', dayStartMs: Date.UTC(2026, 1, 28) } });
    expect(parseCostReportTrigger({ month: '2026-11' })).toEqual({ ok: true, trigger: { kind: 'month', month: '2026-11' } });
  });

  it.each([
    [{ day: '2026-02-30' }, 'day'],
    [{ day: '28/11/2026' }, 'day'],
    [{ month: '2026-13' }, 'month'],
    [{ day: '2026-11-28', extra: 1 }, '(event)'],
    [{ ...scheduled, 'detail-type': 'Forecast Step' }, 'detail-type'],
  ])('rejects %j naming the field, not retryable', (event, field) => {
    // Act
    const result = parseCostReportTrigger(event);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ name: 'EventParseError', retryable: false });
    expect(result.error.message).toContain(field === '(event)' ? 'extra' : field);
  });

  it('rejects what is not an object', () => {
    // Act + Assess
    expect(parseCostReportTrigger('2026-11-28')).toMatchObject({ ok: false, error: { fields: ['(event)'] } });
  });
});
