import { Environment, EnvironmentError } from './environment';

/** A setting that this process cannot run without (the launcher `npm start` always provides them). */
export function requireSetting<K extends keyof Environment>(
  env: Environment,
  key: K,
): NonNullable<Environment[K]> {
  const value = env[key];
  if (value === undefined || value === null || value === '') {
    throw new EnvironmentError(
      `Invalid configuration:\n  ${String(key)} is required (npm start sets it for you)`,
    );
  }
  return value;
}
