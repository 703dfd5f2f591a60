import { describe, expect, it } from 'vitest';
import { makeProgressBar } from '../../../../sim/report/progress-bar';

/** A stream that records what is written to it; `isTTY` says whether it claims to be a terminal. */
const aStream = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, columns: 100, chunks, write: (chunk: string) => chunks.push(chunk) > 0 };
};

/** A clock the test moves by hand. */
const aClock = () => {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
};

describe('makeProgressBar', () => {
  it('writes nothing at all to a stream that is not a terminal', () => {
    // Prepare
    const stream = aStream(false);
    const bar = makeProgressBar({ stream, total: 100, label: 'simulating' });

    // Act
    for (let i = 0; i <= 100; i++) bar.update(i);
    bar.finish();

    // Assess
    expect(stream.chunks).toEqual([]);
  });

  it('redraws one line with \\r on a terminal and ends it with a newline at 100%', () => {
    // Prepare
    const stream = aStream(true);
    const clock = aClock();
    const bar = makeProgressBar({ stream, total: 200, label: 'simulating', nowMs: clock.now });

    // Act
    bar.update(50);
    clock.advance(1_000);
    bar.update(100);
    bar.finish();

    // Assess
    const frames = stream.chunks.filter((c) => c !== '\n');
    expect(frames).toHaveLength(3);
    for (const frame of frames) expect(frame.startsWith('\r')).toBe(true);
    for (const frame of frames) expect(frame).not.toContain('\n');
    expect(frames[0]).toMatch(/^\rsimulating \[#+-+\] {2}25% 0s/);
    expect(frames[1]).toMatch(/ {2}50% 1s eta 1s/);
    expect(frames[2]).toMatch(/\[#+\] 100% 1s/);
    expect(stream.chunks.at(-1)).toBe('\n');
  });

  it('draws at most one frame per 100 ms however often it is updated', () => {
    // Prepare
    const stream = aStream(true);
    const clock = aClock();
    const bar = makeProgressBar({ stream, total: 10_000, label: 'simulating', nowMs: clock.now });

    // Act
    for (let i = 0; i < 10_000; i++) {
      bar.update(i);
      clock.advance(0.1);
    }

    // Assess
    expect(stream.chunks).toHaveLength(10);
  });

  it('ignores updates after finish and finishes once', () => {
    // Prepare
    const stream = aStream(true);
    const clock = aClock();
    const bar = makeProgressBar({ stream, total: 10, label: 'simulating', nowMs: clock.now });
    bar.finish();
    const written = stream.chunks.length;

    // Act
    clock.advance(1_000);
    bar.update(5);
    bar.finish();

    // Assess
    expect(stream.chunks).toHaveLength(written);
  });
});
