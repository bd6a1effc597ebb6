import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** A CA and a server certificate it signed, all PEM. */
export interface ServerCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** Present in node-forge since 0.7 but missing from @types/node-forge. */
interface ForgeTbs {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
}

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Keys come from native crypto (on the libuv pool, so both are generated in parallel) because forge's pure-JS RSA
 * key generation takes seconds; forge only assembles the X.509 structures, which node:crypto cannot build.
 */
async function rsaKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/**
 * Signs like forge's `cert.sign(key, sha256)`, but with native RSA: forge's JS private-key operation costs ~150 ms
 * a signature, which adds up in test suites that start many servers.
 */
function signCertificate(cert: forge.pki.Certificate, issuerKeyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  cert.tbsCertificate = (forge.pki as unknown as ForgeTbs).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, issuerKeyPem).toString('binary');
}

function serialNumber(): string {
  // A positive serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate): void {
  const now = Date.now();
  // Back-date by an hour so clients with a slightly skewed clock still accept it.
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 60 * 60 * 1000);
}

/** SANs for the loopback addresses, localhost and, when it is another name, the host the server listens on. */
function subjectAltNames(host: string): Array<{ type: number; value?: string; ip?: string }> {
  const names: Array<{ type: number; value?: string; ip?: string }> = [
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
    { type: 2, value: 'localhost' },
  ];
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare && bare !== '127.0.0.1' && bare !== '::1' && bare !== 'localhost' && bare !== '0.0.0.0' && bare !== '::') {
    names.push(isIP(bare) ? { type: 7, ip: bare } : { type: 2, value: bare });
  }
  return names;
}

/** Generates a throw-away CA and a server certificate for `host`, valid for a year. */
export async function createServerCertificates(host: string): Promise<ServerCertificates> {
  const [caKeys, serverKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.publicKeyFromPem(caKeys.publicKeyPem);
  ca.serialNumber = serialNumber();
  validity(ca);
  const caSubject = [{ name: 'commonName', value: 'fake-kube-api-ca' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKeys.privateKeyPem);

  const server = forge.pki.createCertificate();
  server.publicKey = forge.pki.publicKeyFromPem(serverKeys.publicKeyPem);
  server.serialNumber = serialNumber();
  validity(server);
  server.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  server.setIssuer(caSubject);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: subjectAltNames(host) },
  ]);
  signCertificate(server, caKeys.privateKeyPem);

  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privateKeyPem,
  };
}
