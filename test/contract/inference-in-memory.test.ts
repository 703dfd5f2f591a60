/** Runs the InferencePort contract against the Triton twin, its latency waited out on a manual clock. */
import { InMemoryInference } from '../../layers/twins/in-memory-inference';
import { ManualClock } from '../../layers/twins/manual-clock';
import { describeInferenceContract } from './inference.contract';

describeInferenceContract('InMemoryInference', async () => {
  const clock = new ManualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
  const twin = new InMemoryInference({ models: ['bert-large'], latencyMs: 5, sleep: (ms) => clock.sleep(ms) });
  const stopped = new InMemoryInference({ models: ['bert-large'] });
  stopped.setDown(true);
  return {
    port: twin,
    unreachablePort: stopped,
    model: 'bert-large',
    setServerReady: (ready) => twin.setServerReady(ready),
    setModelReady: (model, ready) => twin.setModelReady(model, ready),
    failNext: (times, status, message) => twin.failNext(times, status, message),
    setLatencyMs: (ms) => twin.setLatency(ms),
  };
});
