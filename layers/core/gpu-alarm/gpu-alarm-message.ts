/** The gpu-alarm Slack messages: missing GPU metrics, their return, alarm capacity changes, memory recommendations. */
import type { ChatMessage } from '../chat-message';
import { noticeMessage } from '../notice-message';
import { isoText } from '../forecast/capacity-plan-wording';
import type { GpuAlarmNotice } from './gpu-alarm-types';
import { durationText, KIND_WORDS } from './gpu-alarm-wording';
import { choiceText, precisionVerdictText } from './gpu-memory-wording';

const headline = (notice: GpuAlarmNotice): string => {
  switch (notice.kind) {
    case 'data-missing':
      return `GPU metrics of ${notice.fleetName} are missing`;
    case 'data-restored':
      return `GPU metrics of ${notice.fleetName} are back`;
    case 'capacity-change': {
      const direction = notice.purpose === 'scale-out' ? 'Scaling out' : 'Scaling in';
      const verdict = notice.verdict === undefined || notice.verdict === 'execute' ? '' : ` (${notice.verdict})`;
      return `${direction} ${notice.fleetName} on ${KIND_WORDS[notice.alarmKind]}: ${notice.fromUnits} -> ${notice.toUnits} units${verdict}`;
    }
    case 'memory-recommendation': {
      const best = notice.recommendation.recommended;
      return best === undefined
        ? `GPU memory of ${notice.fleetName} is nearly full: no catalog type fits at ${notice.precision.toUpperCase()}`
        : `GPU memory of ${notice.fleetName} is nearly full: ${best.instanceType} fits for less`;
    }
  }
};

const dataMissingBody = (notice: Extract<GpuAlarmNotice, { kind: 'data-missing' }>): string => {
  const running =
    notice.fulfilledUnits <= 0
      ? `No instance serves (fulfilled 0 of ${notice.targetUnits} units): the fleet is starting or cannot get capacity.`
      : `The fleet targets ${notice.targetUnits} units (fulfilled ${notice.fulfilledUnits}).`;
  return (
    `The ${KIND_WORDS[notice.alarmKind]} alarm has had no datapoints since ${isoText(notice.sinceMs)}. ${running} ` +
    'Check that the CloudWatch agent (nvidia_smi metrics) or the DCGM exporter runs on the instances and can publish. ' +
    'Until datapoints return, the alarms cannot scale the fleet in or out; the forecast scaler still runs. ' +
    `CloudWatch says: ${notice.cloudwatchReason}`
  );
};

const memoryBody = (notice: Extract<GpuAlarmNotice, { kind: 'memory-recommendation' }>): string => {
  const rec = notice.recommendation;
  const p = notice.precision;
  const lines = [
    `About ${rec.usedGiB.toFixed(1)} GiB of GPU memory is in use per GPU; with headroom a type needs ${rec.neededGiB[p].toFixed(1)} GiB at ${p.toUpperCase()}.`,
    rec.recommended === undefined ? 'No type in the catalog has that memory and data for this model.' : `Cheapest for ${rec.needUnits} units: ${choiceText(rec.recommended)}.`,
    rec.current === undefined ? '' : `Now: ${choiceText(rec.current)}.`,
    `${precisionVerdictText(rec, p)}.`,
    'On-demand us-east-1 prices from the catalog; the rebalancer prices Spot pools before it moves anything.',
  ];
  return lines.filter((l) => l !== '').join('\n');
};

const body = (notice: GpuAlarmNotice): string => {
  switch (notice.kind) {
    case 'data-missing':
      return dataMissingBody(notice);
    case 'data-restored':
      return `GPU datapoints are back after ${durationText((notice.restoredAtMs - notice.missingSinceMs) / 1000)} (missing since ${isoText(notice.missingSinceMs)}). The alarms act again.`;
    case 'capacity-change':
      return notice.reason;
    case 'memory-recommendation':
      return memoryBody(notice);
  }
};

/**
 * One message, within Slack's limits; names and CloudWatch's reason text are escaped.
 *
 * @example renderGpuAlarmNotice({ kind: 'data-restored', fleetName: 'bert-large-search', ... }, '#gpu-autopilot').text
 * // 'GPU metrics of bert-large-search are back. GPU datapoints are back after 12 min ...'
 */
export const renderGpuAlarmNotice = (notice: GpuAlarmNotice, channel: string): ChatMessage => noticeMessage(channel, headline(notice), body(notice));
