// Runs `serverless package` offline into a directory, with dummy credentials and no telemetry.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Thrown when `serverless package` exits non-zero; the message carries its output. */
export class PackageServiceError extends Error {
  readonly retryable = false;
  constructor(output: string, options?: { cause?: unknown }) {
    super(`serverless package failed:\n${output}`, options);
    this.name = 'PackageServiceError';
  }
}

/**
 * Package the service at `serviceDir` for `stage` into `outDir` (CloudFormation templates and zips).
 * Packaging makes no AWS call, but the AWS provider wants credentials and a region to exist.
 */
export const packageService = async (serviceDir: string, stage: string, outDir: string): Promise<void> => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'offline-package-test-only',
    AWS_REGION: 'us-east-1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
  delete env['AWS_PROFILE'];
  try {
    // The repository's osls CLI run by node itself (what `npx serverless` resolves to), so that a timeout
    // kills osls rather than an npx wrapper that would leave it running.
    const cli = join(serviceDir, 'node_modules/osls/bin/serverless.js');
    await promisify(execFile)(process.execPath, [cli, 'package', '--stage', stage, '--package', outDir], {
      cwd: serviceDir,
      env,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new PackageServiceError(`${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
};
