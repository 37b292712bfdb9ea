import { createCertificateAuthority, issueCertificate } from '../controlplane/pki.ts';

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
}

/**
 * A serving certificate for 127.0.0.1, made once and shared by every simulated kubelet. Its CA is thrown
 * away: the API server's node proxy does not verify kubelet certificates unless told to, as with a real
 * kubelet's own self-signed one.
 */
export async function createServingCertificate(commonName = 'sim-kubelet'): Promise<ServingCertificate> {
  const ca = await createCertificateAuthority(`${commonName}-ca`);
  const pem = await issueCertificate(ca, { commonName }, { ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  return { certPem: pem.cert, keyPem: pem.key };
}
