/** Contract of InferencePort: Triton's KServe v2 readiness and inference as the agent uses them, on twin and client. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InferencePort } from '../../layers/ports/inference-port';

/** One implementation under test, with the hands an operator (or a failure) has on the server. */
export interface InferenceContractSubject {
  port: InferencePort;
  /** A port to a Triton that is not running (nothing listens where it looks). */
  unreachablePort: InferencePort;
  /** A model loaded and ready at the start of each test. */
  model: string;
  setServerReady(ready: boolean): void;
  setModelReady(model: string, ready: boolean): void;
  /** The next `times` inferences answer `status` with Triton's `{"error": message}`. */
  failNext(times: number, status: number, message: string): void;
  setLatencyMs(latencyMs: number): void;
  close?(): Promise<void>;
}

// A BERT-style request: token ids and attention mask for one sequence of 4 tokens.
const requestJson = JSON.stringify({
  id: 'req-42',
  inputs: [
    { name: 'input_ids', shape: [1, 4], datatype: 'INT64', data: [[101, 7592, 2088, 102]] },
    { name: 'attention_mask', shape: [1, 4], datatype: 'INT64', data: [1, 1, 1, 1] },
  ],
  outputs: [{ name: 'logits' }],
});

export const describeInferenceContract = (implementation: string, makeSubject: () => Promise<InferenceContractSubject>): void => {
  describe(`InferencePort contract: ${implementation}`, () => {
    let subject: InferenceContractSubject;
    let port: InferencePort;

    beforeEach(async () => {
      subject = await makeSubject();
      port = subject.port;
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('is ready when the server and the model are', async () => {
      // Act
      const ready = await port.ready(subject.model);

      // Assess
      expect(ready).toBe(true);
    });

    it('is not ready while the server is not, nor for a model that is unloaded or unknown', async () => {
      // Prepare
      subject.setModelReady('reranker', false);
      const unloaded = await port.ready('reranker');
      const unknown = await port.ready('no-such-model');
      subject.setServerReady(false);

      // Act
      const serverDown = await port.ready(subject.model);

      // Assess
      expect([serverDown, unloaded, unknown]).toEqual([false, false, false]);
    });

    it('answers an inference with the v2 response JSON of the model', async () => {
      // Act
      const response = JSON.parse(await port.infer(subject.model, requestJson)) as Record<string, unknown>;

      // Assess
      expect(response).toMatchObject({
        model_name: subject.model,
        id: 'req-42',
        outputs: [
          { name: 'logits', datatype: 'INT64', shape: [1, 4], data: [101, 7592, 2088, 102] },
          { name: 'OUTPUT1', datatype: 'INT64', shape: [1, 4], data: [1, 1, 1, 1] },
        ],
      });
    });

    it('fails retryably with the status on a 5xx, and answers the next request', async () => {
      // Prepare
      subject.failNext(1, 503, 'Exceeds maximum queue size');

      // Act
      const failed = port.infer(subject.model, requestJson);

      // Assess
      await expect(failed).rejects.toMatchObject({ name: 'InferenceError', retryable: true, status: 503 });
      await expect(port.infer(subject.model, requestJson)).resolves.toContain('"model_name"');
    });

    it('fails for good with Triton\'s message on a 4xx', async () => {
      // Prepare
      subject.failNext(1, 400, "inference request batch-size must be <= 8 for 'bert-large'");

      // Act
      const failed = port.infer(subject.model, requestJson);

      // Assess
      await expect(failed).rejects.toMatchObject({ name: 'InferenceError', retryable: false, status: 400 });
      await expect(failed).rejects.toThrow("batch-size must be <= 8 for 'bert-large'");
    });

    it('refuses a request that is not valid v2 JSON, and one for an unknown model, as not retryable', async () => {
      // Act
      const garbled = port.infer(subject.model, '{"inputs": [');
      const unknown = port.infer('no-such-model', requestJson);

      // Assess
      await expect(garbled).rejects.toMatchObject({ retryable: false, status: 400 });
      await expect(unknown).rejects.toMatchObject({ retryable: false, status: 400 });
      await expect(unknown).rejects.toThrow('unknown model');
    });

    it('gives up retryably on an inference slower than its timeout', async () => {
      // Prepare
      subject.setLatencyMs(300);

      // Act
      const slow = port.infer(subject.model, requestJson, { timeoutMs: 30 });

      // Assess
      await expect(slow).rejects.toMatchObject({ name: 'InferenceError', code: 'TimeoutError', retryable: true });
    });

    it('reads a Triton that is not running as not ready, and fails its inferences retryably', async () => {
      // Act
      const ready = await subject.unreachablePort.ready(subject.model);
      const inferring = subject.unreachablePort.infer(subject.model, requestJson);

      // Assess
      expect(ready).toBe(false);
      await expect(inferring).rejects.toMatchObject({ name: 'InferenceError', retryable: true });
    });
  });
};
