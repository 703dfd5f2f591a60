// Slack limits: mrkdwn escaping and cuts that never break an entity, a date token or a character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, TRUNCATION_MARK, truncateSlackText } from '../../../layers/core/slack-limits';

describe('escapeMrkdwn', () => {
  it('encodes exactly &, < and > as Slack asks', () => {
    // Act
    const escaped = escapeMrkdwn('Hello & <world> "quoted" 🌊');

    // Assess
    expect(escaped).toBe('Hello &amp; &lt;world&gt; "quoted" 🌊');
  });
});

describe('truncateSlackText', () => {
  it('leaves text within the limit untouched', () => {
    // Act & Assess
    expect(truncateSlackText('short', 5)).toBe('short');
  });

  it('cuts long text and marks the cut', () => {
    // Act
    const cut = truncateSlackText('abcdefghij', 6);

    // Assess
    expect(cut).toBe(`abcde${TRUNCATION_MARK}`);
  });

  it('never leaves half an entity behind', () => {
    // Act
    const cut = truncateSlackText('x &amp; y', 5);

    // Assess
    expect(cut).toBe(`x ${TRUNCATION_MARK}`);
  });

  it('never leaves half a date token behind', () => {
    // Act
    const cut = truncateSlackText('at <!date^1773457920^{time_secs}|03:12:00 UTC> ok', 20);

    // Assess
    expect(cut).toBe(`at ${TRUNCATION_MARK}`);
  });

  it('never splits a surrogate pair', () => {
    // Act
    const cut = truncateSlackText('ab🌊🌊', 4);

    // Assess
    expect(cut).toBe(`ab${TRUNCATION_MARK}`);
  });

  it('always fits the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 0, max: 200 }), (text, max) => {
        // Act & Assess
        expect(truncateSlackText(escapeMrkdwn(text), max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
