import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadClientConfig, loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { CliError } from './errors';

/**
 * Where Temporal is, resolved the way every Temporal tool resolves it (the SDK's environment
 * configuration: a profile in the `temporal` CLI's TOML file, then TEMPORAL_* variables), with
 * this command's flags on top. One module for the worker (NativeConnection) and every client
 * command (Connection), so `gauntlet worker` and `gauntlet run` on a second machine agree.
 */

/** The resolved target: options both connection kinds accept, and where they came from. */
export interface TemporalTarget {
  address: string;
  namespace: string;
  options: { address: string; apiKey?: string; tls?: ReturnType<typeof toClientOptions>['connectionOptions']['tls']; metadata?: Record<string, string> };
  /** For the startup line and errors: "profile prod in /home/u/.config/temporalio/temporal.toml, TLS, API key". */
  describe: string;
}

import { DEFAULT_ADDRESS, DEFAULT_NAMESPACE, type ConnectionFlags } from './connection-flags';
export { addConnectionFlags, type ConnectionFlags } from './connection-flags';

/** The config file the `temporal` CLI and the SDKs read: $TEMPORAL_CONFIG_FILE, else the per-user default. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TEMPORAL_CONFIG_FILE) return env.TEMPORAL_CONFIG_FILE;
  const base =
    process.platform === 'win32' ? env.APPDATA : process.platform === 'darwin' ? env.HOME && path.join(env.HOME, 'Library', 'Application Support') : (env.XDG_CONFIG_HOME ?? (env.HOME ?? os.homedir()) + '/.config');
  return base ? path.join(base, 'temporalio', 'temporal.toml') : null;
}

/** Flags over $TEMPORAL_* over the profile; errors name the file, the profile and the key. */
export function resolveTarget(flags: ConnectionFlags = {}, env: NodeJS.ProcessEnv = process.env): TemporalTarget {
  const file = configFilePath(env);
  if (env.TEMPORAL_CONFIG_FILE && !existsSync(env.TEMPORAL_CONFIG_FILE)) {
    throw new CliError(`TEMPORAL_CONFIG_FILE=${env.TEMPORAL_CONFIG_FILE} does not exist; point it at a Temporal config file (TOML) or unset it`);
  }
  const data = file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  const profileName = flags.profile ?? env.TEMPORAL_PROFILE;
  const fromFile = data !== null && checkConfigFile(file!, data, profileName ?? 'default', Boolean(profileName));
  if (data === null && profileName) throw new CliError(`profile "${profileName}" asked for (${flags.profile ? '--profile' : 'TEMPORAL_PROFILE'}) but there is no Temporal config file at ${file}; create it (\`temporal config set --profile ${profileName} --prop address --value host:7233\`) or set TEMPORAL_CONFIG_FILE`);
  // An exported but empty TEMPORAL_ADDRESS (say) means unset, as in the `temporal` CLI.
  const env2 = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => Boolean(e[1])));
  const profile: ClientConfigProfile = loadClientConfigProfile({
    ...(data !== null ? { configSource: { data } } : { disableFile: true }),
    ...(profileName ? { profile: profileName } : {}),
    overrideEnvVars: env2,
  });
  applyFlags(profile, flags);
  let connect: ReturnType<typeof toClientOptions>;
  try {
    connect = toClientOptions(profile);
  } catch (e) {
    throw new CliError(`cannot read the TLS files of the Temporal connection (${(e as Error).message}); check --tls-cert/--tls-key/--tls-ca, TEMPORAL_TLS_* or the profile's tls table in ${file}`);
  }
  const address = profile.address ?? DEFAULT_ADDRESS;
  const namespace = profile.namespace ?? DEFAULT_NAMESPACE;
  const c = connect.connectionOptions;
  const parts = [fromFile ? `profile ${profileName ?? 'default'} in ${file}` : null, c.tls ? 'TLS' : null, c.apiKey ? 'API key' : null].filter(Boolean);
  return {
    address,
    namespace,
    options: { address, ...(c.apiKey ? { apiKey: c.apiKey } : {}), ...(c.tls !== undefined ? { tls: asBuffers(c.tls) } : {}), ...(c.metadata ? { metadata: c.metadata as Record<string, string> } : {}) },
    describe: `${address} (namespace ${namespace}${parts.length ? `; ${parts.join(', ')}` : ''})`,
  };
}

type Tls = TemporalTarget['options']['tls'];

/** envconfig reads PEM files as Uint8Array; both connection kinds document (and the native one needs) Buffers. */
function asBuffers(tls: Tls): Tls {
  if (!tls || typeof tls !== 'object') return tls;
  const buf = (b: Uint8Array | undefined) => (b ? Buffer.from(b) : undefined);
  return {
    ...tls,
    serverRootCACertificate: buf(tls.serverRootCACertificate),
    clientCertPair: tls.clientCertPair ? { crt: Buffer.from(tls.clientCertPair.crt), key: Buffer.from(tls.clientCertPair.key) } : undefined,
  };
}

function applyFlags(profile: ClientConfigProfile, f: ConnectionFlags): void {
  if (f.address) profile.address = f.address;
  if (f.namespace) profile.namespace = f.namespace;
  if (f.apiKey) profile.apiKey = f.apiKey;
  if (f.tlsCert || f.tlsKey || f.tlsCa || f.tlsServerName) {
    if (Boolean(f.tlsCert) !== Boolean(f.tlsKey) && !(profile.tls?.clientCert && profile.tls.clientKey)) {
      throw new CliError('--tls-cert and --tls-key go together (the client certificate and its key)');
    }
    profile.tls = {
      ...profile.tls,
      disabled: false,
      ...(f.tlsCert ? { clientCert: { path: f.tlsCert } } : {}),
      ...(f.tlsKey ? { clientKey: { path: f.tlsKey } } : {}),
      ...(f.tlsCa ? { serverCACert: { path: f.tlsCa } } : {}),
      ...(f.tlsServerName ? { serverName: f.tlsServerName } : {}),
    };
  }
}

/**
 * The file parses, the chosen profile exists, and it holds only keys the SDK reads (a typo such as
 * `adress` would otherwise be ignored and the default used), with strings where strings go.
 * Returns whether the file has the profile (a missing "default" profile is no error).
 */
function checkConfigFile(file: string, data: string, profileName: string, explicit: boolean): boolean {
  let profiles: Record<string, ClientConfigProfile>;
  try {
    profiles = loadClientConfig({ configSource: { data }, configFileStrict: true }).profiles;
  } catch (e) {
    throw new CliError(
      `Temporal config file ${file}: ${(e as Error).message.replace(/^Validation error: /, '')}; fix the file ` +
        '(a profile holds address, namespace, api_key, a tls table and a grpc_meta table) or point TEMPORAL_CONFIG_FILE elsewhere',
    );
  }
  const p = profiles[profileName];
  if (!p) {
    if (explicit) throw new CliError(`Temporal config file ${file} has no profile "${profileName}" (it has: ${Object.keys(profiles).join(', ') || 'none'}); pick one with --profile or TEMPORAL_PROFILE`);
    return false;
  }
  for (const [key, value] of [['address', p.address], ['namespace', p.namespace], ['api_key', p.apiKey]] as const) {
    if (value !== undefined && typeof value !== 'string') throw new CliError(`Temporal config file ${file}: profile.${profileName}.${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return true;
}

/** A client for the CLI's commands; an unreachable server says where it looked and how to fix it. */
export async function connectClient(flags: ConnectionFlags = {}, connectTimeout = '5s'): Promise<Client> {
  const t = resolveTarget(flags);
  try {
    const connection = await Connection.connect({ ...t.options, connectTimeout });
    return new Client({ connection, namespace: t.namespace });
  } catch (e) {
    throw unreachable(t, e);
  }
}

/** The worker's connection (a Rust-side NativeConnection) to the same target. */
export async function connectNative(t: TemporalTarget): Promise<NativeConnection> {
  // Loaded here, not at the top: client commands must not load the worker's native module (start-up time).
  const { NativeConnection } = await import('@temporalio/worker');
  try {
    return await NativeConnection.connect(t.options);
  } catch (e) {
    throw unreachable(t, e);
  }
}

function unreachable(t: TemporalTarget, e: unknown): CliError {
  return new CliError(
    `cannot reach Temporal at ${t.describe}: ${(e as Error).message}. Start one with \`gauntlet dev\`, or pass --address/--profile ` +
      '(or set TEMPORAL_ADDRESS / TEMPORAL_PROFILE)',
  );
}
