/** Runs the SettingsPort contract against the in-memory kill-switch twin. */
import type { SettingsError } from '../../layers/ports/settings-port';
import { InMemorySettings } from '../../layers/twins/in-memory-settings';
import { describeSettingsContract } from './settings.contract';

describeSettingsContract('InMemorySettings', () => {
  const readErrors: SettingsError[] = [];
  const twin = new InMemorySettings({ onReadError: (error) => readErrors.push(error) });
  return {
    port: twin,
    unavailablePort: {
      killSwitchEngaged: () => {
        twin.failNext('throttling');
        return twin.killSwitchEngaged();
      },
    },
    setParameter: (value) => twin.set(value),
    readErrors,
  };
});
