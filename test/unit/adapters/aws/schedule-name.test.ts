/** toScheduleName: every follow-up name becomes a valid, distinct EventBridge Scheduler schedule name. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toScheduleName } from '../../../../layers/adapters/aws/schedule-name';

const VALID = /^[0-9a-zA-Z_.-]{1,64}$/;

describe('toScheduleName', () => {
  it('keeps a name that is already valid', () => {
    // Act
    const name = toScheduleName('drain-timeout-i-0123456789abcdef0');

    // Assess
    expect(name).toBe('drain-timeout-i-0123456789abcdef0');
  });

  it('replaces disallowed characters and adds a hash of the original name', () => {
    // Act
    const name = toScheduleName('drain-timeout:i-0123456789abcdef0');

    // Assess
    expect(name).toBe('drain-timeout-i-0123456789abcdef0-455d8de7');
  });

  it('gives a valid name for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        // Assess
        expect(toScheduleName(raw)).toMatch(VALID);
      }),
    );
  });

  it('gives distinct names to inputs that clean or cut to the same text', () => {
    // Prepare
    const prefix = 'x'.repeat(70);

    // Act
    const names = new Set([toScheduleName('a:b'), toScheduleName('a/b'), toScheduleName(`${prefix}1`), toScheduleName(`${prefix}2`)]);

    // Assess
    expect(names.size).toBe(4);
  });

  it('is stable, so a retried request targets the same schedule', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        // Assess
        expect(toScheduleName(raw)).toBe(toScheduleName(raw));
      }),
    );
  });
});
