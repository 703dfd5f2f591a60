/** A KServe v2 identity model: checks an inference request as Triton would and answers each input back as an output. */

interface V2Input {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

/** Either the v2 response JSON, or the HTTP status and `{"error": ...}` message Triton would answer. */
export type V2Outcome = { ok: true; responseJson: string } | { ok: false; status: number; error: string };

const DATATYPES = new Set(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES', 'BF16']);

/**
 * Answers `POST /v2/models/{model}/infer` for an identity model: output i is input i (renamed to the i-th
 * requested output, else `OUTPUT<i>`), with its data flattened as Triton returns it.
 *
 * @example
 * identityInference('bert-large', '1', '{"inputs":[{"name":"INPUT0","shape":[1,2],"datatype":"INT32","data":[[1,2]]}]}');
 * // { ok: true, responseJson: '{"model_name":"bert-large","model_version":"1","outputs":[{"name":"OUTPUT0",...,"data":[1,2]}]}' }
 */
export const identityInference = (model: string, version: string, requestJson: string): V2Outcome => {
  let request: unknown;
  try {
    request = JSON.parse(requestJson);
  } catch (error) {
    return badRequest(`failed to parse the request JSON buffer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof request !== 'object' || request === null) return badRequest('failed to parse the request JSON buffer: not an object');
  const { id, inputs, outputs } = request as { id?: unknown; inputs?: unknown; outputs?: unknown };
  if (!Array.isArray(inputs) || inputs.length === 0) return badRequest("Unable to find 'inputs' in JSON, or it is empty");
  const checked: V2Input[] = [];
  for (const input of inputs) {
    const problem = inputProblem(input);
    if (problem) return badRequest(problem);
    checked.push(input as V2Input);
  }
  const requested = Array.isArray(outputs) ? outputs.map((o: { name?: unknown }) => String(o?.name)) : [];
  if (requested.length > checked.length) {
    return badRequest(`unexpected inference output '${requested[checked.length]}' for model '${model}'`);
  }
  const response = {
    model_name: model,
    model_version: version,
    ...(typeof id === 'string' ? { id } : {}),
    outputs: checked.map((input, i) => ({
      name: requested[i] ?? `OUTPUT${i}`,
      datatype: input.datatype,
      shape: input.shape,
      data: input.data.flat(Infinity),
    })),
  };
  return { ok: true, responseJson: JSON.stringify(response) };
};

const badRequest = (error: string): V2Outcome => ({ ok: false, status: 400, error });

const inputProblem = (input: unknown): string | undefined => {
  const { name, shape, datatype, data } = (input ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string') return "input has no 'name'";
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return `input '${name}' has no valid 'shape'`;
  if (typeof datatype !== 'string' || !DATATYPES.has(datatype)) return `input '${name}' has an unknown datatype '${String(datatype)}'`;
  if (!Array.isArray(data)) return `input '${name}' has no 'data'`;
  const expected = shape.reduce((product: number, d: number) => product * d, 1);
  const actual = data.flat(Infinity).length;
  if (actual !== expected) return `unexpected number of elements for input '${name}': expected ${expected}, got ${actual}`;
  return undefined;
};
