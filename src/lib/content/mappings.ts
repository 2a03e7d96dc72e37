/** Links for the attack-technique ids a threat cites. */

/** https://attack.mitre.org/techniques/T1557/002/ for T1557.002 */
export function attackUrl(id: string): string {
  const [technique, sub] = id.split('.');
  return `https://attack.mitre.org/techniques/${technique}/${sub ? `${sub}/` : ''}`;
}

const MS_THREAT_MATRIX_SITE = 'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/';

/**
 * The technique pages of the Microsoft Threat Matrix for Kubernetes by id. The site is built with
 * MkDocs from docs/techniques/<name>.md, so each page lives at techniques/<name>/ under the site; the
 * names are the file names, with their own spelling and case.
 */
export const MS_THREAT_MATRIX_TECHNIQUES = {
  'MS-TA9001': 'Using Cloud Credentials',
  'MS-TA9002': 'Compromised Image In Registry',
  'MS-TA9003': 'Kubeconfig file',
  'MS-TA9004': 'Application Vulnerability',
  'MS-TA9005': 'Exposed sensitive interfaces',
  'MS-TA9006': 'Exec into container',
  'MS-TA9007': 'bash or cmd inside container',
  'MS-TA9008': 'New Container',
  'MS-TA9009': 'Application Exploit (RCE)',
  'MS-TA9010': 'SSH server running inside container',
  'MS-TA9011': 'Sidecar Injection',
  'MS-TA9012': 'Backdoor container',
  'MS-TA9013': 'Writable hostPath mount',
  'MS-TA9014': 'Kubernetes CronJob',
  'MS-TA9015': 'Malicious admission controller',
  'MS-TA9016': 'container service account',
  'MS-TA9017': 'Static Pods',
  'MS-TA9018': 'Privileged container',
  'MS-TA9019': 'Cluster-admin binding',
  'MS-TA9020': 'Access cloud resources',
  'MS-TA9021': 'Clear container logs',
  'MS-TA9022': 'Delete K8S events',
  'MS-TA9023': 'Pod or container name similarily',
  'MS-TA9024': 'Connect from Proxy server',
  'MS-TA9025': 'List K8S secrets',
  'MS-TA9026': 'Mount service principal',
  'MS-TA9027': 'Application credentials in configuration files',
  'MS-TA9028': 'Access managed identity credentials',
  'MS-TA9029': 'Access the K8S API server',
  'MS-TA9030': 'Access Kubelet API',
  'MS-TA9031': 'Network mapping',
  'MS-TA9033': 'Instance Metadata API',
  'MS-TA9034': 'Cluster internal networking',
  'MS-TA9035': 'CoreDNS poisoning',
  'MS-TA9036': 'ARP poisoning and IP spoofing',
  'MS-TA9037': 'images from a private registry',
  'MS-TA9038': 'Data destruction',
  'MS-TA9039': 'Resource hijacking',
  'MS-TA9040': 'Denial of service',
  'MS-TA9041': 'Collecting Data from Pod',
} as const satisfies Record<string, string>;

export type MsThreatMatrixId = keyof typeof MS_THREAT_MATRIX_TECHNIQUES;

export const MS_THREAT_MATRIX_IDS = Object.keys(MS_THREAT_MATRIX_TECHNIQUES) as [
  MsThreatMatrixId,
  ...MsThreatMatrixId[],
];

/** https://microsoft.github.io/Threat-Matrix-for-Kubernetes/techniques/Access%20Kubelet%20API/ for MS-TA9030 */
export function msThreatMatrixUrl(id: string): string {
  const page: string | undefined = (MS_THREAT_MATRIX_TECHNIQUES as Record<string, string>)[id];
  // The threat schema admits only known ids, so an unknown one here is a content loading bug.
  if (page === undefined)
    throw new Error(`${id} is not a technique of the Threat Matrix for Kubernetes`);
  return `${MS_THREAT_MATRIX_SITE}techniques/${encodeURIComponent(page)}/`;
}
