import { validateEnvironment } from '../../config/src/environment';
import { StackEnvironment } from './stack-environment';

describe('StackEnvironment', () => {
  it('takes the launcher ports as digits and keeps the defaults for the rest', () => {
    const env = validateEnvironment(StackEnvironment, { PG_PORT: '6543' });
    expect(env).toMatchObject({ PG_PORT: 6543, TEMPORAL_PORT: 7233, TEMPORAL_UI_PORT: 8233 });
  });

  it.each(['5433.0', ' 5433', '0x1F90', '1e3'])('refuses PG_PORT=%j, naming it', (value) => {
    expect(() => validateEnvironment(StackEnvironment, { PG_PORT: value })).toThrow(
      /PG_PORT=.*must be an integer number/,
    );
  });

  it('refuses a port out of range', () => {
    expect(() => validateEnvironment(StackEnvironment, { TEMPORAL_UI_PORT: '70000' })).toThrow(
      /TEMPORAL_UI_PORT="70000": TEMPORAL_UI_PORT must not be greater than 65535/,
    );
  });
});
