import { DataSource } from 'typeorm';
import { createRoundTripActivities } from './diagnostics/round-trip.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
}

/** Every activity the worker registers, built from its dependencies. Workflows import this type only. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createRoundTripActivities(deps.dataSource),
  };
}

export type Activities = ReturnType<typeof createActivities>;
