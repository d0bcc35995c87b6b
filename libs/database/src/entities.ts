import { RoundTripCheck } from './diagnostics/round-trip-check.entity';

/** Every entity of the read model and master data. */
export const ENTITIES = [RoundTripCheck];
