/**
 * The world's TLS certificate: self-signed, made at start, valid for every hostname the
 * world answers as. Chromium is started with --ignore-certificate-errors, so nobody has to
 * trust it; the SANs are there so that a client which does check names (or a human reading
 * the certificate) sees the right ones.
 */
import { generate } from 'selfsigned';

/** Hostnames (and wildcards) the world answers as, by service. */
export const PORTAL_HOST_PATTERNS = ['*.syncromsp.com', '*.shield.syncromsp.com', 'syncromsp.com'];
export const LOGIN_HOSTS = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
];
export const GRAPH_HOSTS = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];
export const CONTROL_HOSTS = ['127.0.0.1', 'localhost'];

export interface WorldCertificate {
  key: string;
  cert: string;
  fingerprint: string;
}

export async function makeCertificate(): Promise<WorldCertificate> {
  const dnsNames = [...PORTAL_HOST_PATTERNS, ...LOGIN_HOSTS, ...GRAPH_HOSTS, 'localhost'];
  const pems = await generate([{ name: 'commonName', value: 'Tenant Lens emulated world' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 24 * 3600 * 1000),
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dnsNames.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: pems.fingerprint };
}
