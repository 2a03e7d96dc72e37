/** Links for the attack-technique ids a threat cites. */

/** https://attack.mitre.org/techniques/T1557/002/ for T1557.002 */
export function attackUrl(id: string): string {
  const [technique, sub] = id.split('.');
  return `https://attack.mitre.org/techniques/${technique}/${sub ? `${sub}/` : ''}`;
}

export const MS_THREAT_MATRIX_URL = 'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/';
