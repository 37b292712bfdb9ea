// Certificates for the test control plane, the simulated kubelets and the tests' own HTTPS servers.
// @peculiar/x509 depends on tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Pem {
  cert: string;
  key: string;
}

export interface CertificateAuthority {
  pem: Pem;
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

async function keyPair(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function validity() {
  const now = Date.now();
  return { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 365 * 24 * 3600_000) };
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^0*/, '1');
}

export async function createCertificateAuthority(commonName: string): Promise<CertificateAuthority> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    ...validity(),
    signingAlgorithm: ecdsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  return { cert, keys, pem: { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) } };
}

/** A leaf certificate: for a server when `hosts` is given (SANs), otherwise a client certificate (CN user, O groups). */
export async function issueCertificate(
  ca: CertificateAuthority,
  subject: { commonName: string; organizations?: string[] },
  hosts?: { ips?: string[]; dnsNames?: string[] },
): Promise<Pem> {
  const keys = await keyPair();
  const names = [`CN=${subject.commonName}`, ...(subject.organizations ?? []).map((o) => `O=${o}`)].join(', ');
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([hosts ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (hosts) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...(hosts.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
        ...(hosts.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ]),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: names,
    issuer: ca.cert.subject,
    ...validity(),
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

export interface ClusterPki {
  ca: Pem;
  apiServer: Pem;
  /** Signs and verifies service-account tokens. */
  serviceAccount: { privateKey: string; publicKey: string };
}

async function publicKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('spki', key), 'PUBLIC KEY');
}

export async function createClusterPki(serviceClusterIp: string): Promise<ClusterPki> {
  const ca = await createCertificateAuthority('cluster-insight-testcluster-ca');
  const apiServer = await issueCertificate(ca, { commonName: 'kube-apiserver' }, {
    ips: ['127.0.0.1', serviceClusterIp],
    dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
  });
  const saKeys = await keyPair();
  return {
    ca: ca.pem,
    apiServer,
    serviceAccount: { privateKey: await privateKeyPem(saKeys.privateKey), publicKey: await publicKeyPem(saKeys.publicKey) },
  };
}
