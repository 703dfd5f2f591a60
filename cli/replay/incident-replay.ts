/**
 * Replays a spot interruption through the spot-interruption function and the real worker agents together, on
 * twins and a virtual clock; returns the timeline and where every request ended up, prints nothing.
 */
import { followUpEvent } from '../../layers/core/follow-up-event';
import * as scenario from './incident-scenario';
import type { TimelineEntry } from './incident-timeline';
import type { TrafficTally } from './incident-traffic';
import { IncidentWorld, VISIBILITY_TIMEOUT_SECONDS } from './incident-world';

export interface IncidentReplay {
  timeline: TimelineEntry[];
  tally: TrafficTally;
  handlerErrors: string[];
}

/** How long the OS gives a running agent between SIGTERM and power-off when the instance goes away. */
const SHUTDOWN_GRACE_MS = 20_000;
const FINAL_STOP_LIMIT_MS = 120_000;
/** A long poll a stopping agent abandoned may still take a message this long after (hidden a visibility timeout). */
const LONG_POLL_SECONDS = 20;

interface Cue {
  atMs: number;
  run: (w: IncidentWorld) => Promise<void>;
}

const at = (w: IncidentWorld): number => w.clock.nowMs();

/** The real-shaped events, each at its time; the follow-ups come from the scheduler twin when they are due. */
const cues: Cue[] = [
  {
    atMs: scenario.REBALANCE_AT_MS,
    run: async (w) => {
      w.host(scenario.VICTIM).imds.setRebalance(at(w));
      w.timeline.add(at(w), 'notice', `EC2 rebalance recommendation for ${scenario.VICTIM} (g5.xlarge, us-east-1a, spot)`);
      await w.invoke(scenario.rebalanceEvent());
    },
  },
  {
    atMs: scenario.WARNING_AT_MS,
    run: async (w) => {
      w.host(scenario.VICTIM).imds.setSpotAction({ action: 'terminate', atMs: scenario.INTERRUPTION_AT_MS });
      w.timeline.add(at(w), 'notice', `EC2 Spot interruption warning for ${scenario.VICTIM}: terminate at ${new Date(scenario.INTERRUPTION_AT_MS).toISOString().slice(11, 19)}Z (also in its IMDS)`);
      await w.invoke(scenario.warningEvent());
    },
  },
  {
    atMs: scenario.INTERRUPTION_AT_MS,
    run: async (w) => {
      const victim = w.host(scenario.VICTIM);
      if (victim.running()) {
        w.timeline.add(at(w), 'sigterm', `${scenario.VICTIM} shuts down: its agent is still running and gets SIGTERM`);
        victim.sigterm();
        for (const end = at(w) + SHUTDOWN_GRACE_MS; victim.running() && at(w) < end; ) await w.step();
      }
      victim.powerOff();
      w.fleet.terminate(scenario.VICTIM, at(w));
      w.timeline.add(at(w), 'terminated', `EC2 interrupts ${scenario.VICTIM}: shutting-down`);
      await w.invoke(scenario.stateChangeEvent('shutting-down', at(w)));
    },
  },
  {
    atMs: scenario.TERMINATED_AT_MS,
    run: async (w) => {
      w.timeline.add(at(w), 'terminated', `${scenario.VICTIM} terminated`);
      await w.invoke(scenario.stateChangeEvent('terminated', at(w)));
    },
  },
  {
    atMs: scenario.TRAFFIC_ENDS_AT_MS,
    run: async (w) => {
      w.trafficOn = false;
      w.timeline.add(at(w), 'end', `clients stop sending (${w.traffic.sent} requests sent)`);
    },
  },
];

export const runIncidentReplay = async (): Promise<IncidentReplay> => {
  const w = new IncidentWorld();
  const pending = [...cues];
  while (at(w) < scenario.END_AT_MS) {
    for (const due of w.twins.scheduler.due(at(w))) {
      const event = followUpEvent({ name: due.name, atMs: due.atMs, account: scenario.ACCOUNT, region: scenario.REGION, detail: due.detail });
      w.timeline.add(at(w), 'follow-up-fired', `scheduler fires follow-up ${due.detail.purpose}`);
      await w.invoke(event);
    }
    while (pending[0] && pending[0].atMs <= at(w)) await pending.shift()?.run(w);
    await w.step();
  }
  // The surviving agents are stopped as systemd would; what they release stays queued. Counting waits until any
  // message hidden by then (a heartbeat, a poll abandoned as its agent stopped) is visible again.
  w.observing = false;
  const survivors = [...w.hosts.values()].filter((h) => h.running());
  for (const host of survivors) host.sigterm();
  w.timeline.add(at(w), 'end', `surviving agents stopped with SIGTERM (${survivors.map((h) => h.instanceId).join(', ')})`);
  for (const end = at(w) + FINAL_STOP_LIMIT_MS; survivors.some((h) => h.running()) && at(w) < end; ) await w.step();
  await w.clock.advance((VISIBILITY_TIMEOUT_SECONDS + LONG_POLL_SECONDS) * 1000 + 1_000);
  const tally = w.traffic.tally();
  const timeline = [...w.timeline.entries].sort((a, b) => a.atMs - b.atMs);
  return { timeline, tally, handlerErrors: w.handlerErrors };
};
