// Imported first by main.ts: tracing must be running before http and pg are loaded.
import { startTracing } from '../../../libs/observability/src/tracing';

startTracing('api');
