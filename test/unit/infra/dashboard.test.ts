// infra/dashboard.cjs: one CloudWatch dashboard per stack, a band of graphs per fleet on the metrics the autopilot publishes.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { costReportMetrics } from '../../../layers/app/cost-report-metrics';
import { aFleetDay } from '../../helpers/cost-report-factories';
import { entry, PREFIX } from '../../helpers/gpu-alarm-resources';

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string; region?: string; metrics?: unknown[][]; markdown?: string };
}
type Join = { 'Fn::Join': [string, (string | { Ref: string })[]] };
const { dashboardResources } = createRequire(import.meta.url)('../../../infra/dashboard.cjs') as {
  dashboardResources: (file: { fleets: Record<string, unknown>[] }, prefix: string) => Record<string, { Type: string; Properties: { DashboardName: string; DashboardBody: Join } }>;
};

const RERANKER = entry({ fleetId: 'fleet-0a1b2c3d-0000-4000-8000-000000000001', name: 'reranker' });
/** The body as CloudFormation would render it in us-east-1. */
const bodyOf = (join: Join): { widgets: Widget[] } => JSON.parse(join['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'us-east-1')).join(''));

const widgetsOf = (fleets: Record<string, unknown>[]): Widget[] => {
  const body = dashboardResources({ fleets }, PREFIX).FleetsDashboard?.Properties.DashboardBody;
  return body === undefined ? [] : bodyOf(body).widgets;
};

describe('dashboardResources', () => {
  it('makes one AWS::CloudWatch::Dashboard named after the stack, its body JSON with the region joined in', () => {
    // Act
    const resources = dashboardResources({ fleets: [entry(), RERANKER] }, PREFIX);

    // Assess
    const dashboard = resources.FleetsDashboard;
    expect(dashboard).toMatchObject({ Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardName: `${PREFIX}-fleets` } });
    expect(dashboard?.Properties.DashboardBody['Fn::Join'][1]).toContainEqual({ Ref: 'AWS::Region' });
    const widgets = widgetsOf([entry(), RERANKER]);
    expect(widgets).toHaveLength(12);
    expect(widgets.filter((w) => w.type === 'metric').every((w) => w.properties.region === 'us-east-1' && w.x + w.width <= 24)).toBe(true);
  });

  it("graphs each fleet's cost rate, $ per 1k, utilization, capacity vs forecast vs demand, interruptions and actions", () => {
    // Act
    const widgets = widgetsOf([entry()]);

    // Assess
    const named = widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => `${m[0]}/${m[1]}:${m[3]}`));
    expect(named).toEqual(
      expect.arrayContaining([
        'GpuFleetAutopilot/SpendRateUsdPerHour:bert-large-search',
        'GpuFleetAutopilot/CostPer1kRequestsUsd:bert-large-search',
        'CWAgent/nvidia_smi_utilization_gpu:fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f',
        'GpuFleetAutopilot/TargetCapacityUnits:bert-large-search',
        'GpuFleetAutopilot/ForecastDemandQps:bert-large-search',
        'GpuFleetAutopilot/ObservedDemandQps:bert-large-search',
        'GpuFleetAutopilot/Interruptions:bert-large-search',
        'GpuFleetAutopilot/ActionsApplied:bert-large-search',
      ]),
    );
  });

  it('graphs only daily metrics the cost report publishes, each with the Maximum of a day', () => {
    // Prepare
    const published = new Set(costReportMetrics(aFleetDay({ sloAttainmentPercent: 99, gpuUtilizationPercent: 50 }), 0).map((d) => d.name));

    // Act
    const widgets = widgetsOf([entry()]);

    // Assess
    const daily = widgets.flatMap((w) => w.properties.metrics ?? []).filter((m) => (m[4] as { period: number }).period === 86_400);
    expect(daily.length).toBeGreaterThan(0);
    expect(daily.every((m) => published.has(m[1] as string) && (m[4] as { stat: string }).stat === 'Maximum')).toBe(true);
  });

  it('refuses a prefix a dashboard name cannot hold and an empty fleets file', () => {
    // Act + Assess
    expect(() => dashboardResources({ fleets: [entry()] }, 'gpu.dev')).toThrow(/prefix/);
    expect(() => dashboardResources({ fleets: [] }, PREFIX)).toThrow(/no fleet/);
  });
});
