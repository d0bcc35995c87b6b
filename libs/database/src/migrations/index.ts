import { CreateDiagnosticRoundTrip1763900000000 } from './1763900000000-create-diagnostic-round-trip';

/** Every migration, oldest first. Listed explicitly so bundled or compiled code finds them without globs. */
export const MIGRATIONS = [CreateDiagnosticRoundTrip1763900000000];
