// Imported first by main.ts: tracing must be running before http, express and pg are loaded.
import { startTracing } from '../../../libs/observability/src/tracing';

startTracing('api');
