// The fleets file's `forecast` block: optional, strict, ranged; what it leaves out comes from the tier's defaults.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultForecastSettings, forecastSettingsOf } from '../../../layers/core/forecast/forecast-settings';
import { catalogCapacity } from '../../../layers/platform/catalog-capacity';
import { readFleetsFile } from '../../../layers/platform/fleets-file';
import { parseFleetYaml, VALID_FLEETS_YAML as FLEET, withBlock } from '../../helpers/fleets-yaml';


/** The fleet with a `forecast:` block of these YAML lines (indented under it). */
const withForecast = (...lines: string[]): string => withBlock('forecast', ...lines);
const parse = parseFleetYaml;

describe('fleets file forecast block', () => {
  it('is optional: a fleet without one scales by its tier defaults', () => {
    // Act
    const fleet = parse(FLEET);

    // Assess
    expect(fleet).not.toHaveProperty('forecast');
    expect(forecastSettingsOf(fleet)).toEqual(defaultForecastSettings('critical'));
  });

  it('keeps only the fields given, so the tier defaults fill the rest', () => {
    // Act
    const fleet = parse(withForecast('quantile: 0.99', 'horizonHours: 12', 'maxScaleInFractionPerHour: 0.1'));

    // Assess
    expect(fleet.forecast).toEqual({ quantile: 0.99, horizonHours: 12, maxScaleInFractionPerHour: 0.1 });
    expect(forecastSettingsOf(fleet)).toEqual({ ...defaultForecastSettings('critical'), quantile: 0.99, horizonHours: 12, maxScaleInFractionPerHour: 0.1 });
  });

  it('reads every field at the ends of its range', () => {
    // Act
    const fleet = parse(
      withForecast(
        'enabled: false',
        'metric: { kind: sqs-messages-sent }',
        'quantile: 0.5',
        'targetUtilization: 1',
        'backlogDrainSeconds: 3600',
        'maxScaleInFractionPerHour: 0',
        'scaleInAgreement: 1',
        'largeActionFraction: 1',
        'driftMase: 10',
        'driftWindowRuns: 288',
        'historyDays: 63',
        'horizonHours: 48',
      ),
    );

    // Assess
    expect(forecastSettingsOf(fleet)).toEqual({
      enabled: false,
      metric: { kind: 'sqs-messages-sent' },
      quantile: 0.5,
      targetUtilization: 1,
      backlogDrainSeconds: 3600,
      maxScaleInFractionPerHour: 0,
      scaleInAgreement: 1,
      largeActionFraction: 1,
      driftMase: 10,
      driftWindowRuns: 288,
      historyDays: 63,
      horizonHours: 48,
    });
  });

  it('reads a custom request-count metric, with no dimensions by default', () => {
    // Act
    const alb = parse(withForecast('metric: { kind: custom, namespace: AWS/ApplicationELB, metricName: RequestCount, dimensions: { LoadBalancer: app/bert/50dc6c495c0c9188 }, stat: Sum }'));
    const plain = parse(withForecast('metric: { kind: custom, namespace: Inference, metricName: Requests, stat: SampleCount }'));

    // Assess
    expect(alb.forecast?.metric).toEqual({
      kind: 'custom',
      namespace: 'AWS/ApplicationELB',
      metricName: 'RequestCount',
      dimensions: { LoadBalancer: 'app/bert/50dc6c495c0c9188' },
      stat: 'Sum',
    });
    expect(plain.forecast?.metric).toEqual({ kind: 'custom', namespace: 'Inference', metricName: 'Requests', dimensions: {}, stat: 'SampleCount' });
  });

  it.each([
    ['quantile: 0.4', /fleets\[0\]\.forecast\.quantile/],
    ['quantile: 1', /fleets\[0\]\.forecast\.quantile/],
    ['targetUtilization: 0.2', /fleets\[0\]\.forecast\.targetUtilization/],
    ['targetUtilization: 1.2', /fleets\[0\]\.forecast\.targetUtilization/],
    ['backlogDrainSeconds: 10', /fleets\[0\]\.forecast\.backlogDrainSeconds/],
    ['maxScaleInFractionPerHour: 1.5', /fleets\[0\]\.forecast\.maxScaleInFractionPerHour/],
    ['scaleInAgreement: -0.1', /fleets\[0\]\.forecast\.scaleInAgreement/],
    ['largeActionFraction: 2', /fleets\[0\]\.forecast\.largeActionFraction/],
    ['driftMase: 0', /fleets\[0\]\.forecast\.driftMase/],
    ['driftWindowRuns: 2.5', /fleets\[0\]\.forecast\.driftWindowRuns/],
    ['historyDays: 64', /fleets\[0\]\.forecast\.historyDays/],
    ['historyDays: 0', /fleets\[0\]\.forecast\.historyDays/],
    ['horizonHours: 49', /fleets\[0\]\.forecast\.horizonHours/],
    ['enabled: sometimes', /fleets\[0\]\.forecast\.enabled/],
    ['quantiles: 0.9', /fleets\[0\]\.forecast: Unrecognized key: "quantiles"/],
    ['metric: { kind: prometheus }', /fleets\[0\]\.forecast\.metric\.kind/],
    ['metric: { kind: custom, namespace: Inference, stat: Sum }', /fleets\[0\]\.forecast\.metric\.metricName/],
    ['metric: { kind: custom, namespace: Inference, metricName: Requests, stat: Average }', /fleets\[0\]\.forecast\.metric\.stat/],
    ['metric: { kind: custom, namespace: ":Inference", metricName: Requests, stat: Sum }', /fleets\[0\]\.forecast\.metric\.namespace: must be printable ASCII and not start with a colon/],
    ['metric: { kind: custom, namespace: Inference, metricName: Requests, dimensions: { Model: " " }, stat: Sum }', /fleets\[0\]\.forecast\.metric\.dimensions\.Model: must not be blank/],
    ['metric: { kind: sqs-messages-sent, namespace: AWS/SQS }', /fleets\[0\]\.forecast\.metric: Unrecognized key: "namespace"/],
  ])('names the bad field of %s', (line, message) => {
    expect(() => parse(withForecast(line))).toThrow(message);
  });

  it('allows at most 30 dimensions, as CloudWatch does', () => {
    // Prepare
    const dimensions = (n: number) => Array.from({ length: n }, (_, i) => `D${i}: v${i}`).join(', ');
    const metric = (n: number) => `metric: { kind: custom, namespace: Inference, metricName: Requests, dimensions: { ${dimensions(n)} }, stat: Sum }`;

    // Act
    const thirty = parse(withForecast(metric(30))).forecast?.metric;

    // Assess
    expect(thirty?.kind === 'custom' ? Object.keys(thirty.dimensions) : []).toHaveLength(30);
    expect(() => parse(withForecast(metric(31)))).toThrow(/fleets\[0\]\.forecast\.metric\.dimensions: at most 30 dimensions/);
  });

  it('validates the commented example block of config/fleets.yaml once uncommented', () => {
    // Prepare: uncomment the example `forecast:` block
    const text = readFileSync('config/fleets.yaml', 'utf8').replace(/^ {4}# (forecast:| {2})/gm, '    $1');

    // Act
    const fleet = parse(text);

    // Assess
    expect(fleet.forecast).toMatchObject({ quantile: 0.95, targetUtilization: 0.8, historyDays: 28, horizonHours: 6 });
    expect(readFleetsFile('config/fleets.yaml', catalogCapacity)[0]).not.toHaveProperty('forecast');
  });
});
