import { runCli } from './run-cli';

const CHAIN_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

describe('bankctl against AWS without credentials', () => {
  const saved = new Map(CHAIN_VARIABLES.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    for (const name of CHAIN_VARIABLES) delete process.env[name];
    // An empty chain: no files, and no instance metadata lookup (no network beyond loopback).
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('says that no credentials were found', async () => {
    const result = await runCli(['dlq', 'list', '--channel', 'email', '--aws', '--region', 'us-east-1'], '-creds');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bankctl: no AWS credentials found');
  });
});
