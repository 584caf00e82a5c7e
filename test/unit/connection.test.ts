import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../cli/connection';

function configFile(toml: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gauntlet-envconfig-')), 'temporal.toml');
  writeFileSync(file, toml);
  return file;
}

const PROFILES = `
[profile.default]
address = "default-host:7233"

[profile.prod]
address = "prod-host:7233"
namespace = "prod-ns"
api_key = "from-profile"
`;

describe('Temporal connection from environment configuration', () => {
  it('takes the profile, then TEMPORAL_* over it, then flags over both', () => {
    const file = configFile(PROFILES);
    const env = { TEMPORAL_CONFIG_FILE: file, HOME: '/nonexistent' };

    const byDefault = resolveTarget({}, env);
    expect(byDefault.address).toBe('default-host:7233');
    expect(byDefault.namespace).toBe('default');

    const profile = resolveTarget({}, { ...env, TEMPORAL_PROFILE: 'prod' });
    expect(profile).toMatchObject({ address: 'prod-host:7233', namespace: 'prod-ns', options: { apiKey: 'from-profile', tls: true } });
    expect(profile.describe).toContain(`profile prod in ${file}`);

    const envOver = resolveTarget({}, { ...env, TEMPORAL_PROFILE: 'prod', TEMPORAL_ADDRESS: 'env-host:7233', TEMPORAL_API_KEY: 'from-env' });
    expect(envOver).toMatchObject({ address: 'env-host:7233', namespace: 'prod-ns', options: { apiKey: 'from-env' } });

    const flagOver = resolveTarget({ address: 'flag-host:7233', namespace: 'flag-ns', apiKey: 'from-flag', profile: 'prod' }, { ...env, TEMPORAL_PROFILE: 'default', TEMPORAL_ADDRESS: 'env-host:7233' });
    expect(flagOver).toMatchObject({ address: 'flag-host:7233', namespace: 'flag-ns', options: { address: 'flag-host:7233', apiKey: 'from-flag' } });
  });

  it('defaults to localhost:7233 and namespace default with no file and no variables', () => {
    const t = resolveTarget({}, { HOME: '/nonexistent' });
    expect(t).toMatchObject({ address: 'localhost:7233', namespace: 'default', options: { address: 'localhost:7233' } });
    expect(t.options.tls).toBeUndefined();
  });

  it('reads mTLS files named by flags, over TEMPORAL_TLS_*', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-tls-'));
    for (const f of ['cert.pem', 'key.pem', 'ca.pem', 'env-ca.pem']) writeFileSync(path.join(dir, f), `-----${f}-----`);
    const t = resolveTarget(
      { tlsCert: path.join(dir, 'cert.pem'), tlsKey: path.join(dir, 'key.pem'), tlsCa: path.join(dir, 'ca.pem') },
      { HOME: '/nonexistent', TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'env-ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'ns.tmprl.cloud' },
    );
    const tls = t.options.tls as { clientCertPair: { crt: Buffer; key: Buffer }; serverRootCACertificate: Buffer; serverNameOverride: string };
    expect(tls.clientCertPair.crt.toString()).toBe('-----cert.pem-----');
    expect(tls.clientCertPair.key.toString()).toBe('-----key.pem-----');
    expect(tls.serverRootCACertificate.toString()).toBe('-----ca.pem-----');
    expect(tls.serverNameOverride).toBe('ns.tmprl.cloud');
    expect(() => resolveTarget({ tlsCert: path.join(dir, 'cert.pem') }, { HOME: '/nonexistent' })).toThrow(/--tls-cert and --tls-key go together/);
  });

  it('says which file and which key is wrong', () => {
    const typo = configFile('[profile.prod]\nadress = "prod-host:7233"\n');
    expect(() => resolveTarget({ profile: 'prod' }, { TEMPORAL_CONFIG_FILE: typo })).toThrow(new RegExp(`${typo}.*unrecognized in profile\\.prod: adress`));
    const wrongType = configFile('[profile.prod]\naddress = 7233\n');
    expect(() => resolveTarget({ profile: 'prod' }, { TEMPORAL_CONFIG_FILE: wrongType })).toThrow(new RegExp(`${wrongType}: profile\\.prod\\.address must be a string`));
    const file = configFile(PROFILES);
    expect(() => resolveTarget({}, { TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'staging' })).toThrow(new RegExp(`${file} has no profile "staging" \\(it has: default, prod\\)`));
    expect(() => resolveTarget({}, { TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml' })).toThrow(/TEMPORAL_CONFIG_FILE=\/nonexistent\/temporal.toml does not exist/);
    const broken = configFile('[profile.prod\n');
    expect(() => resolveTarget({}, { TEMPORAL_CONFIG_FILE: broken })).toThrow(new RegExp(`Temporal config file ${broken}: Invalid TOML`));
  });
});
