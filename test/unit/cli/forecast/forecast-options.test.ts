// `autopilot forecast` options: durations as typed, defaults, and errors that name the flag and the value.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../../cli/forecast/duration';
import { parseForecastOptions } from '../../../../cli/forecast/forecast-options';
import { OptionError } from '../../../../cli/simulate/simulate-options';

const caught = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('parseDuration', () => {
  it.each([
    ['6h', 21_600],
    ['5m', 300],
    ['90s', 90],
    ['1d', 86_400],
    ['1h30m', 5_400],
    ['1.5h', 5_400],
    [' 2H ', 7_200],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['6', 'h', '6x', '-1h', '6 h', ''])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseForecastOptions', () => {
  it('defaults to a 6-hour horizon in 5-minute steps from the end of the trace, with 28 days of history', () => {
    // Act
    const options = parseForecastOptions(['--trace', 'demand.csv']);
    // Assess
    expect(options).toEqual({ trace: 'demand.csv', horizonSeconds: 21_600, stepSeconds: 300, historyDays: 28, json: false });
  });

  it('takes every flag', () => {
    // Act
    const options = parseForecastOptions(['--trace', 't.csv', '--horizon', '2h', '--step', '15m', '--at', '2014-10-06T06:00:00Z', '--history-days', '14', '--html', 'out.html', '--json']);
    // Assess
    expect(options).toEqual({ trace: 't.csv', horizonSeconds: 7_200, stepSeconds: 900, atMs: Date.UTC(2014, 9, 6, 6), historyDays: 14, html: 'out.html', json: true });
  });

  it.each([
    [[], /--trace FILE is required/],
    [['--trace', 't.csv', '--horizon', 'six'], /--horizon six: not a duration/],
    [['--trace', 't.csv', '--horizon', '0h'], /--horizon 0h: not a duration/],
    [['--trace', 't.csv', '--step', '30s'], /--step 30s: must be a whole number of minutes/],
    [['--trace', 't.csv', '--step', '90s'], /--step 90s: must be a whole number of minutes/],
    [['--trace', 't.csv', '--horizon', '10m', '--step', '15m'], /--horizon 10m: shorter than one step \(15m\)/],
    [['--trace', 't.csv', '--horizon', '8d'], /--horizon 8d: at most 7d/],
    [['--trace', 't.csv', '--at', 'yesterday'], /--at yesterday: not an ISO-8601 time/],
    [['--trace', 't.csv', '--history-days', '0'], /--history-days 0: must be a number of days from 1 to 56/],
    [['--trace', 't.csv', '--horizn', '6h'], /horizn/],
  ])('rejects %j with an error naming the flag', (argv, message) => {
    // Act
    const error = caught(() => parseForecastOptions(argv));
    // Assess
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toMatch(message);
  });
});
