import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** PEM files of a throwaway CA and the certificates it signs, made with the `openssl` CLI. */
export interface TestPki {
  dir: string;
  ca: string;
  /** `name.pem` and `name.key` of a certificate this CA signed. */
  issue(name: string, usage: 'server' | 'client', dnsName: string): { cert: string; key: string };
  remove(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A self-signed CA valid for two days, in a fresh temporary folder. */
export function createTestPki(label = 'ca'): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pki-${label}-`));
  openssl(
    dir,
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    `/CN=${label}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  return {
    dir,
    ca: path.join(dir, 'ca.pem'),
    issue(name, usage, dnsName) {
      fs.writeFileSync(
        path.join(dir, `${name}.ext`),
        [
          `subjectAltName=DNS:${dnsName}`,
          `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature',
        ].join('\n'),
      );
      openssl(
        dir,
        'req',
        '-new',
        ...EC,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${dnsName}`,
      );
      openssl(
        dir,
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
      return { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
