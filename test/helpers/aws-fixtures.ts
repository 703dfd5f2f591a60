/** Loads the AWS response fixtures of test/fixtures/aws, with timestamps turned into Date as the SDK deserializer does. */
import { readFileSync } from 'node:fs';
import type { GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';

/** A GetMetricData response body (see test/fixtures/aws/SOURCES.md), e.g. `getMetricDataFixture('forbidden')`. */
export const getMetricDataFixture = (name: string): GetMetricDataCommandOutput =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/get-metric-data-${name}.json`, import.meta.url), 'utf8'), (key, value: unknown) =>
    key === 'Timestamps' && Array.isArray(value) ? value.map((t) => new Date(t as string)) : value,
  ) as GetMetricDataCommandOutput;
