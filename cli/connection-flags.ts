import type { Command } from 'commander';

/**
 * The connection flags, apart from cli/connection.ts: a command registers them without importing
 * the Temporal client (`gauntlet status` of an ended run never connects; issue 10: start-up).
 */
export interface ConnectionFlags {
  address?: string;
  namespace?: string;
  apiKey?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  tlsServerName?: string;
  profile?: string;
}

export const DEFAULT_ADDRESS = 'localhost:7233';
export const DEFAULT_NAMESPACE = 'default';

/** Adds the connection flags every command that talks to Temporal takes. */
export function addConnectionFlags(cmd: Command): Command {
  return cmd
    .option('--address <host:port>', `Temporal frontend (default: profile, $TEMPORAL_ADDRESS, or ${DEFAULT_ADDRESS})`)
    .option('--namespace <ns>', `Temporal namespace (default: profile, $TEMPORAL_NAMESPACE, or ${DEFAULT_NAMESPACE})`)
    .option('--api-key <key>', 'API key (Temporal Cloud); default $TEMPORAL_API_KEY or the profile; turns TLS on')
    .option('--tls-cert <file>', 'mTLS client certificate (PEM); default $TEMPORAL_TLS_CLIENT_CERT_PATH or the profile')
    .option('--tls-key <file>', 'mTLS client key (PEM); default $TEMPORAL_TLS_CLIENT_KEY_PATH or the profile')
    .option('--tls-ca <file>', 'CA certificate of the server (PEM); default $TEMPORAL_TLS_SERVER_CA_CERT_PATH or the profile')
    .option('--tls-server-name <name>', 'TLS server name override; default $TEMPORAL_TLS_SERVER_NAME or the profile')
    .option('--profile <name>', 'profile in the Temporal config file ($TEMPORAL_CONFIG_FILE or ~/.config/temporalio/temporal.toml); default $TEMPORAL_PROFILE or "default"');
}
