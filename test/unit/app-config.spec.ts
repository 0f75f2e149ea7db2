import { AppConfig } from '../../src/common/app-config';

describe('AppConfig', () => {
  it('reads VAULTGRAPH_READ_CACHE as on or off, on by default, and refuses anything else', () => {
    expect(new AppConfig({}).readCache).toBe(true);
    for (const off of ['off', 'OFF', 'false', '0', 'no']) {
      expect(new AppConfig({ VAULTGRAPH_READ_CACHE: off }).readCache).toBe(false);
    }
    for (const on of ['on', 'true', '1', 'yes', ' ']) {
      expect(new AppConfig({ VAULTGRAPH_READ_CACHE: on }).readCache).toBe(true);
    }
    expect(() => new AppConfig({ VAULTGRAPH_READ_CACHE: 'sometimes' })).toThrow('VAULTGRAPH_READ_CACHE must be on or off, got sometimes');
  });

  it('refuses a port that is not a port number', () => {
    expect(() => new AppConfig({ PORT: '70000' })).toThrow('PORT must be a port number, got 70000');
  });
});
