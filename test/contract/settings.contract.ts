/** Contract of SettingsPort: how the kill-switch parameter reads, and that it fails closed, on the twin and the adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SettingsError, SettingsPort } from '../../layers/ports/settings-port';

export interface SettingsContractSubject {
  port: SettingsPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: SettingsPort;
  /** Sets the kill-switch parameter before the port's first read; `undefined` means it does not exist. */
  setParameter(value: string | undefined): void;
  /** What both ports reported to their `onReadError` hook so far. */
  readErrors: SettingsError[];
}

export const describeSettingsContract = (implementation: string, makeSubject: () => SettingsContractSubject): void => {
  describe(`SettingsPort contract: ${implementation}`, () => {
    let subject: SettingsContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it.each(['on', 'true', '1', 'engaged', 'ON', 'True', 'Engaged', ' on\n'])('reads "%s" as engaged', async (value) => {
      // Prepare
      subject.setParameter(value);

      // Act
      const engaged = await subject.port.killSwitchEngaged();

      // Assess
      expect(engaged).toBe(true);
      expect(subject.readErrors).toEqual([]);
    });

    it.each(['off', 'false', '0', 'OFF', 'False'])('reads "%s" as not engaged', async (value) => {
      // Prepare
      subject.setParameter(value);

      // Act
      const engaged = await subject.port.killSwitchEngaged();

      // Assess
      expect(engaged).toBe(false);
    });

    it('reads a parameter that does not exist as not engaged, so a fresh deployment runs', async () => {
      // Prepare
      subject.setParameter(undefined);

      // Act
      const engaged = await subject.port.killSwitchEngaged();

      // Assess
      expect(engaged).toBe(false);
      expect(subject.readErrors).toEqual([]);
    });

    it.each(['maybe', 'enabled?', '2'])('fails closed on the unrecognized value "%s", and says why', async (value) => {
      // Prepare
      subject.setParameter(value);

      // Act
      const engaged = await subject.port.killSwitchEngaged();

      // Assess
      expect(engaged).toBe(true);
      expect(subject.readErrors).toEqual([expect.objectContaining({ name: 'SettingsError', code: 'UnrecognizedValue', retryable: false })]);
    });

    it('fails closed when the service cannot answer, and reports a retryable SettingsError', async () => {
      // Prepare
      subject.setParameter('off');

      // Act
      const engaged = await subject.unavailablePort.killSwitchEngaged();

      // Assess
      expect(engaged).toBe(true);
      expect(subject.readErrors).toEqual([expect.objectContaining({ name: 'SettingsError', retryable: true })]);
      expect(subject.readErrors[0]?.message).toMatch(/^reading kill switch/);
    });
  });
};
