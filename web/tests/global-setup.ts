import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeIssuer } from './fake-issuer';

/**
 * Starts the real Host (the build's SkillMatrix.Host.dll, or SKILLMATRIX_HOST_DLL) in Development (local sign-in) on
 * a port the OS picks, over a fresh SQLite file that its first start migrates and seeds, and makes the people the
 * tests sign in as with the Host's own `token` verb. A second Host runs in OIDC mode against a fake issuer on loopback
 * (tests/fake-issuer.ts), for the code flow. SKILLMATRIX_BASE_URL, SKILLMATRIX_OIDC_BASE_URL and SKILLMATRIX_TOKENS
 * reach the tests through the environment; the teardown stops both Hosts and the issuer and removes the folder.
 */
export default async function globalSetup() {
  const dll = resolve(process.env.SKILLMATRIX_HOST_DLL ?? join(import.meta.dirname, '..', '..', 'src', 'Host', 'bin', 'Debug', 'net10.0', 'SkillMatrix.Host.dll'));
  if (!existsSync(dll)) throw new Error(`${dll} does not exist: build the Host first (dotnet build src/Host), or set SKILLMATRIX_HOST_DLL.`);
  if (!existsSync(join(dll, '..', 'wwwroot', 'index.html'))) throw new Error(`${dll} has no wwwroot/index.html: the Host was built without the web client (is npm on the PATH?).`);

  const folder = mkdtempSync(join(tmpdir(), 'skillmatrix-web-'));
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Development',
    ConnectionStrings__SkillMatrix: `Data Source=${join(folder, 'skillmatrix.db')}`,
    DOTNET_NOLOGO: '1',
  };
  const local = await startHost(dll, env);

  // OIDC mode: the Development settings' signing key and issuer blanked, the fake issuer trusted over http (loopback).
  const { issuer, server } = await startFakeIssuer('skillmatrix', 'skillmatrix-web');
  const oidc = await startHost(dll, {
    ...env,
    ConnectionStrings__SkillMatrix: `Data Source=${join(folder, 'skillmatrix-oidc.db')}`,
    Auth__SigningKey: '',
    Auth__Issuer: '',
    Auth__Authority: issuer,
    Auth__Audience: 'skillmatrix',
    Auth__ClientId: 'skillmatrix-web',
    Auth__RequireHttpsMetadata: 'false',
  });

  const token = (sub: string, name: string, ...roles: string[]) => {
    const output = execFileSync('dotnet', [dll, 'token', '--sub', sub, '--name', name, ...roles.flatMap((role) => ['--role', role])], { env }).toString();
    return output.trim().split('\n').pop()!.trim();
  };
  const tokens = {
    alice: token('alice', 'Alice'),
    bob: token('bob', 'Bob'),
    carol: token('carol', 'Carol'),
    dave: token('dave', 'Dave'),
    erin: token('erin', 'Erin', 'expert'),
  };
  process.env.SKILLMATRIX_BASE_URL = local.baseUrl;
  process.env.SKILLMATRIX_OIDC_BASE_URL = oidc.baseUrl;
  process.env.SKILLMATRIX_TOKENS = JSON.stringify(tokens);

  return async () => {
    await Promise.all([stop(local.process), stop(oidc.process)]);
    server.close();
    rmSync(folder, { recursive: true, force: true });
  };
}

async function startHost(dll: string, env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; baseUrl: string }> {
  const host = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Host did not start within 90 s:\n${log}`)), 90_000);
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    host.stdout!.on('data', read);
    host.stderr!.on('data', read);
    host.on('exit', (code) => reject(new Error(`The Host exited with ${code}:\n${log}`)));
  });
  return { process: host, baseUrl };
}

function stop(host: ChildProcess) {
  host.kill('SIGTERM');
  return new Promise((done) => {
    const timer = setTimeout(() => {
      host.kill('SIGKILL');
      done(undefined);
    }, 30_000);
    host.on('exit', () => {
      clearTimeout(timer);
      done(undefined);
    });
  });
}
