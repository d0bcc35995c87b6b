import { EnvironmentError, loadEnvironment } from './environment';

describe('observability settings', () => {
  it('are off by default', () => {
    const env = loadEnvironment({});
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.WORKER_METRICS_PORT).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(env.METRICS_CACHE_SECONDS).toBe(15);
  });

  it('read ports, the token, the cache and the collector', () => {
    expect(
      loadEnvironment({
        METRICS_PORT: '9464',
        WORKER_METRICS_PORT: '9465',
        METRICS_TOKEN: 'a-long-enough-token',
        METRICS_CACHE_SECONDS: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      }),
    ).toMatchObject({
      METRICS_PORT: 9464,
      WORKER_METRICS_PORT: 9465,
      METRICS_TOKEN: 'a-long-enough-token',
      METRICS_CACHE_SECONDS: 0,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
  });

  it('name each bad value', () => {
    expect(() =>
      loadEnvironment({
        METRICS_PORT: 'nine',
        METRICS_TOKEN: 'short',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      }),
    ).toThrow(EnvironmentError);
    try {
      loadEnvironment({
        METRICS_PORT: 'nine',
        METRICS_TOKEN: 'short',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector',
      });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('METRICS_PORT="nine"');
      expect(message).toContain('METRICS_TOKEN="short": must be at least 16 characters');
      expect(message).toContain('OTEL_EXPORTER_OTLP_ENDPOINT="collector": must be an http(s) URL');
    }
  });
});
