// Writes content/benchmarks/kubernetes/<checkSet>.yaml, one check set per benchmark folder kube-bench ships (and the
// three it retired), from the research table of kube-bench's cfg/ folders, and one for each CIS Kubernetes
// numbering of Trivy and kubescape that real runs use, from the research tables of their specs. Run: node scripts/kube-catalog-from-research.mjs [--check]
// (STRIDE_SHARED overrides ../shared); --check writes nothing and exits 1 if a file would change.
// Ids, titles, sections, node types and scored flags carry over; concepts are our slugs, chosen by the rules below.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.STRIDE_SHARED ?? resolve(root, '../shared');
const research = join(shared, 'research/kube-bench');
const outDir = join(root, 'content/benchmarks/kubernetes');
const check = process.argv.includes('--check');

// The research tables were generated from kube-bench's cfg/ folders at this commit (REPORT.md §0 and §8).
const KUBE_BENCH_COMMIT = 'a73ce378418c71c5861e6963753f50dec3badadf';
// kube-bench retired cis-1.3 and cis-1.4 after v0.3.1 and eks-1.0 after v0.6.5; scripts/data/kube-bench-retired-configs.tsv
// holds their checks, in the research table's columns, as they stood at these commits, each the parent of the one that
// removed the folder.
const RETIRED_COMMIT = 'deecf6265fa93f57c2ec607ef92d803e9932a885';
const RETIRED_EKS_COMMIT = 'f8e0171c09e8ae2e263238e5e7b9db47f5f2b164';

// Each kube-bench config folder with the benchmark it implements. Distribution folders (k3s, RKE, RKE2, MicroK8s)
// follow the numbering of the CIS Kubernetes version they adapt, so they carry that benchmark's id.
const SETS = [
  {
    config: 'cis-1.3',
    benchmark: 'cis-kubernetes-1.3',
    benchmarkName: 'CIS Kubernetes Benchmark v1.3.0',
    commit: RETIRED_COMMIT,
    lastShippedIn: 'v0.3.1',
  },
  {
    config: 'cis-1.4',
    benchmark: 'cis-kubernetes-1.4',
    benchmarkName: 'CIS Kubernetes Benchmark v1.4.1',
    commit: RETIRED_COMMIT,
    lastShippedIn: 'v0.3.1',
  },
  {
    config: 'cis-1.5',
    benchmark: 'cis-kubernetes-1.5',
    benchmarkName: 'CIS Kubernetes Benchmark v1.5.1',
  },
  {
    config: 'cis-1.6',
    benchmark: 'cis-kubernetes-1.6',
    benchmarkName: 'CIS Kubernetes Benchmark v1.6.0',
  },
  {
    config: 'cis-1.20',
    benchmark: 'cis-kubernetes-1.20',
    benchmarkName: 'CIS Kubernetes V1.20 Benchmark v1.0.0',
  },
  {
    config: 'cis-1.23',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes V1.23 Benchmark v1.0.0',
  },
  {
    config: 'cis-1.24',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName: 'CIS Kubernetes V1.24 Benchmark v1.0.0',
  },
  {
    config: 'cis-1.7',
    benchmark: 'cis-kubernetes-1.7',
    benchmarkName: 'CIS Kubernetes Benchmark v1.7.0',
  },
  {
    config: 'cis-1.8',
    benchmark: 'cis-kubernetes-1.8',
    benchmarkName: 'CIS Kubernetes Benchmark v1.8.0',
  },
  {
    config: 'cis-1.9',
    benchmark: 'cis-kubernetes-1.9',
    benchmarkName: 'CIS Kubernetes Benchmark v1.9.0',
  },
  {
    config: 'cis-1.10',
    benchmark: 'cis-kubernetes-1.10',
    benchmarkName: 'CIS Kubernetes Benchmark v1.10.0',
  },
  {
    config: 'cis-1.11',
    benchmark: 'cis-kubernetes-1.11',
    benchmarkName: 'CIS Kubernetes Benchmark v1.11.0',
  },
  {
    config: 'cis-1.12',
    benchmark: 'cis-kubernetes-1.12',
    benchmarkName: 'CIS Kubernetes Benchmark v1.12.0',
  },
  {
    config: 'cis-1.6-k3s',
    benchmark: 'cis-kubernetes-1.6',
    benchmarkName: 'CIS Kubernetes Benchmark v1.6.0, k3s self-assessment',
  },
  {
    config: 'cis-1.24-microk8s',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName: 'CIS Kubernetes V1.24 Benchmark v1.0.0, MicroK8s',
  },
  {
    config: 'k3s-cis-1.23',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes V1.23 Benchmark v1.0.0, K3s self-assessment',
  },
  {
    config: 'k3s-cis-1.24',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName: 'CIS Kubernetes V1.24 Benchmark v1.0.0, K3s self-assessment',
  },
  {
    config: 'k3s-cis-1.7',
    benchmark: 'cis-kubernetes-1.7',
    benchmarkName: 'CIS Kubernetes Benchmark v1.7.0, K3s self-assessment',
  },
  {
    config: 'k3s-cis-1.8',
    benchmark: 'cis-kubernetes-1.8',
    benchmarkName: 'CIS Kubernetes Benchmark v1.8.0, K3s self-assessment',
  },
  {
    config: 'k3s-cis-1.9',
    benchmark: 'cis-kubernetes-1.9',
    benchmarkName: 'CIS Kubernetes Benchmark v1.9.0, K3s self-assessment',
  },
  {
    config: 'rke-cis-1.23',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes V1.23 Benchmark v1.0.0, RKE self-assessment',
  },
  {
    config: 'rke-cis-1.24',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName: 'CIS Kubernetes V1.24 Benchmark v1.0.0, RKE self-assessment',
  },
  {
    config: 'rke-cis-1.7',
    benchmark: 'cis-kubernetes-1.7',
    benchmarkName: 'CIS Kubernetes Benchmark v1.7.0, RKE self-assessment',
  },
  {
    config: 'rke2-cis-1.23',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes V1.23 Benchmark v1.0.0, RKE2 self-assessment',
  },
  {
    config: 'rke2-cis-1.24',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName: 'CIS Kubernetes V1.24 Benchmark v1.0.0, RKE2 self-assessment',
  },
  {
    config: 'rke2-cis-1.7',
    benchmark: 'cis-kubernetes-1.7',
    benchmarkName: 'CIS Kubernetes Benchmark v1.7.0, RKE2 self-assessment',
  },
  {
    config: 'rke2-cis-1.8',
    benchmark: 'cis-kubernetes-1.8',
    benchmarkName: 'CIS Kubernetes Benchmark v1.8.0, RKE2 self-assessment',
  },
  {
    config: 'tkgi-1.2.53',
    benchmark: 'tkgi-1.2.53',
    benchmarkName:
      'VMware Tanzu Kubernetes Grid Integrated Edition (TKGI) compliance checks v1.2.53, after CIS Kubernetes',
  },
  {
    config: 'eks-1.0',
    benchmark: 'cis-eks-1.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.0.0',
    commit: RETIRED_EKS_COMMIT,
    lastShippedIn: 'v0.6.5',
  },
  {
    config: 'eks-1.0.1',
    benchmark: 'cis-eks-1.0.1',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.0.1',
  },
  {
    config: 'eks-1.1.0',
    benchmark: 'cis-eks-1.1.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.1.0',
  },
  {
    config: 'eks-1.2.0',
    benchmark: 'cis-eks-1.2.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.2.0',
  },
  {
    config: 'eks-1.5.0',
    benchmark: 'cis-eks-1.5.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.5.0',
  },
  {
    config: 'eks-1.7.0',
    benchmark: 'cis-eks-1.7.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.7.0',
  },
  {
    config: 'eks-1.8.0',
    benchmark: 'cis-eks-1.8.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.8.0',
  },
  {
    config: 'gke-1.0',
    benchmark: 'cis-gke-1.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.0.0',
  },
  {
    config: 'gke-1.2.0',
    benchmark: 'cis-gke-1.2.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.2.0',
  },
  {
    config: 'gke-1.6.0',
    benchmark: 'cis-gke-1.6.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.6.0',
  },
  {
    config: 'gke-1.8.0',
    benchmark: 'cis-gke-1.8.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.8.0',
  },
  {
    config: 'gke-1.9.0',
    benchmark: 'cis-gke-1.9.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0',
  },
  {
    config: 'aks-1.0',
    benchmark: 'cis-aks-1.0',
    benchmarkName: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.0.0',
  },
  {
    config: 'aks-1.7',
    benchmark: 'cis-aks-1.7',
    benchmarkName: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.7.0',
  },
  {
    config: 'aks-1.8',
    benchmark: 'cis-aks-1.8',
    benchmarkName: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0',
  },
  {
    config: 'ack-1.0',
    benchmark: 'cis-ack-1.0',
    benchmarkName: 'CIS Alibaba Cloud Container Service for Kubernetes (ACK) Benchmark v1.0.0',
  },
  {
    config: 'rh-1.0',
    benchmark: 'cis-openshift-1.1',
    benchmarkName: 'CIS Red Hat OpenShift Container Platform v4 Benchmark v1.1.0',
  },
  {
    config: 'rh-1.4',
    benchmark: 'cis-openshift-1.4',
    benchmarkName: 'CIS Red Hat OpenShift Container Platform Benchmark v1.4.0',
  },
  {
    config: 'rh-1.8',
    benchmark: 'cis-openshift-1.8',
    benchmarkName: 'CIS Red Hat OpenShift Container Platform Benchmark v1.8.0',
  },
  {
    config: 'rh-0.7',
    benchmark: 'rh-0.7',
    benchmarkName:
      'Red Hat OpenShift Container Platform 3.10 and 3.11 hardening guide, as kube-bench numbers it',
  },
  {
    config: 'eks-stig-kubernetes-v1r6',
    benchmark: 'eks-stig-kubernetes-v1r6',
    benchmarkName: 'DISA Kubernetes STIG Version 1, Release 6, as kube-bench adapts it to EKS',
  },
  {
    config: 'trivy:k8s-cis-1.23',
    checkSet: 'trivy-k8s-cis-1.23',
    tool: 'trivy',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes Benchmarks v1.23, as Trivy numbers it',
    source: {
      repository: 'aquasecurity/trivy-checks',
      ref: 'pkg/compliance/k8s-cis-1.23.yaml',
      commit: '80e5382269707262f35cf893bdc0805cb72217e9',
    },
  },
  {
    config: 'kubescape:cis-v1.23-t1.0.1',
    checkSet: 'kubescape-cis-v1.23-t1.0.1',
    tool: 'kubescape',
    benchmark: 'cis-kubernetes-1.23',
    benchmarkName: 'CIS Kubernetes V1.23 Benchmark v1.0.1, as kubescape numbers it',
    source: {
      repository: 'kubescape/regolibrary',
      ref: 'frameworks/cis-v1.23-t1.0.1.json',
      commit: '3b3625c30d9a34b7a6fa378aca734dd024e51be2',
    },
  },
];

// Each rule: [concept, pattern on "<group title>|<title without suffix>", lower-cased, and optionally a pattern the
// config folder must match]. An id listed in BY_ID wins; otherwise the first matching rule does.
// The group title tells apart checks that share a title (--profiling on the API server, controller manager, scheduler).
const EKS = /^eks-\d/;
const GKE = /^gke-/;
const AKS = /^aks-/;
const ACK = /^ack-/;
const OPENSHIFT = /^rh-/;

const RULES = [
  // OpenShift checks that print a CIS title but test the reverse, ahead of the CIS rules they would match
  ['openshift-always-pull-images', /plugin alwayspullimages is set/, OPENSHIFT],
  ['openshift-kernel-defaults', /--protect-kernel-defaults argument is not set/],
  [
    'openshift-security-context-constraints',
    /plugin securitycontextconstraint is set|plugin securitycontextdeny is not set/,
  ],
  // Control-plane and worker files
  ['apiserver-manifest-permissions', /api server pod specification file permissions/],
  ['apiserver-manifest-ownership', /api server pod specification file ownership/],
  [
    'controller-manager-manifest-permissions',
    /controller manager pod specification file permissions/,
  ],
  ['controller-manager-manifest-ownership', /controller manager pod specification file ownership/],
  ['scheduler-manifest-permissions', /scheduler pod specification file permissions/],
  ['scheduler-manifest-ownership', /scheduler pod specification file ownership/],
  ['etcd-manifest-permissions', /etcd pod specification file permissions/],
  ['etcd-manifest-ownership', /etcd pod specification file ownership/],
  ['cni-file-permissions', /container network interface file permissions/],
  ['cni-file-ownership', /container network interface file ownership/],
  ['etcd-data-dir-permissions', /etcd data directory permissions/],
  ['etcd-data-dir-ownership', /etcd data directory ownership/],
  [
    'admin-kubeconfig-permissions',
    /(admin\.conf|admin\.kubeconfig|default administrative credential) file permissions/,
  ],
  [
    'admin-kubeconfig-ownership',
    /(admin\.conf|admin\.kubeconfig|default administrative credential) file ownership/,
  ],
  [
    'scheduler-kubeconfig-permissions',
    /scheduler(\.conf|\.kubeconfig| configuration| kubeconfig) file permissions/,
  ],
  [
    'scheduler-kubeconfig-ownership',
    /scheduler(\.conf|\.kubeconfig| configuration| kubeconfig) file ownership/,
  ],
  [
    'controller-manager-kubeconfig-permissions',
    /(controller-manager\.conf|controller-manager kubeconfig|controller manager configuration) file permissions/,
  ],
  [
    'controller-manager-kubeconfig-ownership',
    /(controller-manager\.conf|controller-manager kubeconfig|\$controllermanagerkubeconfig|controller manager configuration) file ownership/,
  ],
  ['pki-ownership', /pki directory and file ownership/],
  ['pki-certificate-permissions', /pki certificate file permissions/],
  ['pki-key-permissions', /pki key file permissions/],
  ['kubelet-service-permissions', /kubelet service file permissions/],
  ['kubelet-service-ownership', /kubelet service file ownership/],
  [
    'proxy-kubeconfig-permissions',
    /proxy (kubeproxy\.kubeconfig|kube proxy configuration|kubeconfig) file [^|]*permissions/,
  ],
  ['proxy-kubeconfig-ownership', /proxy kubeconfig file .*ownership/],
  [
    'kubelet-kubeconfig-permissions',
    /(kubeconfig kubelet\.conf|\|ensure that the kubeconfig|\|ensure that the kubelet\.conf) file permissions/,
  ],
  ['kubelet-kubeconfig-ownership', /kubelet(\.conf| kubeconfig) file ownership/],
  ['kubelet-client-ca-permissions', /certificate authorities file permissions/],
  ['kubelet-client-ca-ownership', /certificate authorities file ownership/],
  ['kubelet-config-permissions', /kubelet .*configuration file .*permissions/],
  ['kubelet-config-ownership', /kubelet .*configuration file .*ownership/],
  // API server
  ['apiserver-anonymous-auth', /^api server\|.*anonymous-auth/],
  ['apiserver-basic-auth-file', /--basic-auth-file/],
  ['apiserver-insecure-allow-any-token', /--insecure-allow-any-token/],
  ['apiserver-repair-malformed-updates', /--repair-malformed-updates/],
  ['admission-deny-escalating-exec', /plugin denyescalatingexec/],
  ['audit-policy', /advancedauditing argument/],
  ['apiserver-token-auth-file', /--token-auth-file/],
  // CIS 1.23 and 1.24 asked for the plugin to be off; CIS 1.7 and later ask for it to be on.
  ['deny-service-external-ips-off', /--denyserviceexternalips is not set/],
  ['deny-service-external-ips', /denyserviceexternalips/],
  ['apiserver-kubelet-https', /--kubelet-https/],
  ['apiserver-kubelet-client-cert', /--kubelet-client-certificate/],
  ['apiserver-kubelet-certificate-authority', /--kubelet-certificate-authority/],
  [
    'apiserver-authorization-not-always-allow',
    /^api server\|.*(--authorization-mode argument is not set to|authorization modes does not include) alwaysallow/,
  ],
  ['apiserver-authorization-node', /--authorization-mode argument (includes|is set to) node/],
  ['apiserver-authorization-rbac', /--authorization-mode argument includes rbac/],
  ['admission-event-rate-limit', /plugin eventratelimit/],
  ['admission-always-admit', /plugin alwaysadmit/],
  ['admission-always-pull-images', /plugin alwayspullimages/],
  ['admission-security-context-deny', /plugin securitycontextdeny/],
  ['admission-service-account', /plugin serviceaccount /],
  ['admission-namespace-lifecycle', /plugin namespacelifecycle/],
  ['admission-pod-security-policy', /plugin podsecuritypolicy/],
  ['admission-node-restriction', /plugin noderestriction/],
  ['apiserver-insecure-bind-address', /--insecure-bind-address/],
  ['apiserver-insecure-port', /--insecure-port/],
  ['apiserver-secure-port', /--secure-port/],
  ['apiserver-profiling', /^api server\|.*--profiling/],
  ['audit-log-path', /--audit-log-path/],
  ['audit-log-maxage', /--audit-log-maxage/],
  ['audit-log-maxbackup', /--audit-log-maxbackup/],
  ['audit-log-maxsize', /--audit-log-maxsize/],
  ['apiserver-request-timeout', /--request-timeout/],
  ['service-account-lookup', /--service-account-lookup/],
  ['service-account-key-file', /--service-account-key-file/],
  ['apiserver-etcd-client-cert', /--etcd-certfile/],
  ['apiserver-tls-cert', /^api server\|.*--tls-cert-file/],
  ['apiserver-client-ca-file', /^api server\|.*--client-ca-file/],
  ['apiserver-etcd-cafile', /--etcd-cafile/],
  ['encryption-provider-config', /--(experimental-)?encryption-provider-config/],
  [
    'encryption-providers',
    /encryption providers are appropriately configured|encryption provider is set to aescbc/,
  ],
  ['apiserver-tls-ciphers', /api server only makes use of strong cryptographic ciphers/],
  ['service-account-extend-token-expiration', /--service-account-extend-token-expiration/],
  // Controller manager and scheduler
  ['terminated-pod-gc-threshold', /--terminated-pod-gc-threshold/],
  ['controller-manager-profiling', /^controller manager\|.*(--profiling|profiling is disabled)/],
  ['use-service-account-credentials', /--use-service-account-credentials/],
  ['service-account-private-key-file', /--service-account-private-key-file/],
  ['root-ca-file', /--root-ca-file/],
  [
    'controller-manager-rotate-kubelet-server-cert',
    /^controller manager\|.*rotatekubeletservercertificate/,
  ],
  ['controller-manager-bind-address', /^controller manager\|.*--(bind-)?address argument/],
  ['scheduler-profiling', /^scheduler\|.*--profiling/],
  ['scheduler-bind-address', /^scheduler\|.*--(bind-)?address argument/],
  // etcd
  ['etcd-tls', /^etcd[^|]*\|.*the --cert-file and --key-file/],
  ['etcd-client-cert-auth', /^etcd[^|]*\|.*the --client-cert-auth/],
  ['etcd-auto-tls', /^etcd[^|]*\|.*the --auto-tls/],
  ['etcd-peer-tls', /--peer-cert-file and --peer-key-file/],
  ['etcd-peer-client-cert-auth', /--peer-client-cert-auth/],
  ['etcd-peer-auto-tls', /--peer-auto-tls/],
  ['etcd-unique-ca', /unique certificate authority is used for etcd/],
  // Authentication and logging
  [
    'no-client-cert-auth-for-users',
    /client certificate authentication should not be used for users/,
  ],
  [
    'no-service-account-tokens-for-users',
    /service account token authentication should not be used for users/,
  ],
  ['no-bootstrap-tokens-for-users', /bootstrap token authentication should not be used for users/],
  ['audit-policy', /minimal audit policy is created/],
  ['audit-policy-coverage', /audit policy covers key security concerns/],
  ['eks-control-plane-logging', /^logging\|enable audit logs/, EKS],
  // Kubelet and kube-proxy
  ['kubelet-anonymous-auth', /^kubelet\|.*anonymous[- ]auth/],
  [
    'kubelet-authorization-mode',
    /^kubelet\|.*--authorization-mode argument is not set to alwaysallow/,
  ],
  ['kubelet-client-ca-file', /^kubelet\|.*(--client-ca-file|client ca file)/],
  ['kubelet-read-only-port', /--read-only-port/],
  ['kubelet-streaming-idle-timeout', /--streaming-connection-idle-timeout/],
  ['kubelet-protect-kernel-defaults', /--protect-kernel-defaults/],
  ['kubelet-iptables-util-chains', /--make-iptables-util-chains/],
  ['kubelet-hostname-override', /--hostname-override/],
  ['kubelet-event-qps', /(--event-qps|eventrecordqps)/],
  ['kubelet-tls-cert', /^kubelet\|.*--tls-cert-file/],
  ['kubelet-rotate-certificates', /--rotate-certificates/],
  ['kubelet-rotate-server-certificate', /^kubelet\|.*rotatekubeletservercertificate/],
  ['kubelet-tls-ciphers', /kubelet only makes use of strong cryptographic ciphers/],
  ['kubelet-pod-pids-limit', /limit is set on pod pids/],
  ['kubelet-seccomp-default', /--seccomp-default/],
  ['kubelet-allow-privileged', /--allow-privileged/],
  ['kubelet-cadvisor-port', /--cadvisor-port/],
  ['kubelet-ip-address-deny', /--ipaddressdeny/],
  ['kube-proxy-metrics-bind', /kube-proxy metrics service is bound to localhost/],
  // RBAC and service accounts
  ['cluster-admin-usage', /cluster-admin role is only used where required/],
  ['secrets-access', /minimize access to secrets/],
  ['rbac-wildcards', /wildcard use in roles and clusterroles/],
  ['pod-create-access', /minimize access to create pods/],
  ['default-service-account', /default service accounts are not actively used/],
  ['service-account-token-mount', /service account tokens are only mounted where necessary/],
  ['system-masters-group', /system:masters group/],
  ['bind-impersonate-escalate', /bind, impersonate and escalate permissions/],
  ['persistent-volume-create-access', /access to create persistent ?volume/],
  ['node-proxy-access', /proxy sub-resource of node/],
  ['csr-approval-access', /approval sub-resource of certificatesigningrequests/],
  ['webhook-configuration-access', /access to webhook configuration objects/],
  ['service-account-token-creation', /access to the service account token creation/],
  // Pod security
  ['policy-control-mechanism', /at least one active policy control mechanism/],
  [
    'privileged-pods',
    /(admission of|do not admit) privileged containers|compensating controls in the form of psp/,
  ],
  ['host-pid', /share the host process id namespace/],
  ['host-ipc', /share the host ipc namespace/],
  ['host-network', /share the host network namespace/],
  [
    'allow-privilege-escalation',
    /(admission of|do not admit) containers with allowprivilegeescalation/,
  ],
  ['root-containers', /(admission of|do not admit) root containers/],
  ['net-raw-capability', /containers with the net_raw capability/],
  ['added-capabilities', /containers with (added|dangerous) capabilities/],
  ['assigned-capabilities', /containers with capabilities assigned/],
  ['windows-host-process', /windows hostprocess containers/],
  ['hostpath-volumes', /admission of hostpath volumes/],
  ['host-ports', /containers which use hostports/],
  // Network, secrets, admission, general
  ['cni-network-policy-support', /cni (in use|plugin) supports network ?policies/],
  ['cni-up-to-date', /latest cni version is used/, EKS],
  [
    'namespace-network-policies',
    /all namespaces have network ?policies defined|network segmentation using network policies|^general security primitives\|configure network policies/,
  ],
  ['secrets-as-files', /secrets as files over secrets as environment variables/],
  ['external-secret-storage', /consider external secret storage/],
  ['image-provenance', /image provenance using imagepolicywebhook/],
  ['namespace-boundaries', /administrative boundaries between resources using namespaces/],
  ['seccomp-profile', /seccomp profile is set to (docker\/default|runtimedefault)/],
  ['security-context', /apply security ?context to (your )?pods and containers/],
  ['default-namespace', /default namespace should not be used/],
  // Managed services: the EKS concepts name AWS services and commands
  ['image-vulnerability-scanning', /image vulnerability scanning/, EKS],
  ['registry-user-access', /minimize user access to amazon ecr/],
  ['registry-cluster-read-only', /cluster access to read-only for amazon ecr/],
  ['approved-registries', /container registries to only those approved/, EKS],
  ['cloud-workload-identity', /dedicated amazon eks service accounts/],
  ['managed-secrets-kms-encryption', /secrets are encrypted using customer master keys/],
  ['managed-endpoint-access', /restrict access to the control plane endpoint/, EKS],
  ['managed-private-endpoint', /private endpoint enabled and public access disabled/, EKS],
  ['managed-private-nodes', /clusters are created with private nodes/, EKS],
  ['managed-network-policy', /network policy is enabled and set as appropriate/, EKS],
  ['load-balancer-tls', /https load balancers with tls certificates/, EKS],
  ['managed-iam-authentication', /aws iam authenticator/],
  ['sandboxed-untrusted-workloads', /fargate for running untrusted workloads/],
  ['eks-optimized-node-os', /prefer using (a )?container-optimized os/, EKS],
  ['eks-audit-log-collection', /^logging\|ensure audit logs are collected and managed/, EKS],
  ['eks-access-entries', /cluster access manager api/],
  // Managed services: GKE
  ['gke-image-scanning', /image vulnerability scanning/, GKE],
  ['gke-registry-user-access', /minimize user access to (gcr|container image repositories)/],
  [
    'gke-registry-cluster-read-only',
    /cluster access to read-only for (gcr|container image repositories)/,
  ],
  [
    'gke-binary-authorization',
    /container registries to only those approved|only trusted container images|binary authorization/,
    GKE,
  ],
  ['gke-default-service-account', /compute engine default service account/],
  ['gke-workload-identity', /dedicated gcp service accounts and workload identity/],
  ['gke-secrets-cloud-kms', /secrets are encrypted using keys managed in cloud kms/],
  ['gke-legacy-metadata-disabled', /legacy compute engine instance metadata apis/],
  ['gke-metadata-server', /gke metadata server is enabled/],
  ['gke-cos-node-image', /container-optimized os \((cos|cos_containerd)\) is used for gke/],
  ['gke-node-auto-repair', /node auto-repair/],
  ['gke-node-auto-upgrade', /node auto-upgrade/],
  ['gke-release-channels', /gke version management using release channels/],
  ['gke-shielded-nodes', /shielded gke nodes/],
  ['gke-vpc-flow-logs', /vpc flow logs and intranode visibility/],
  ['gke-vpc-native', /vpc-native clusters/],
  ['gke-authorized-networks', /(master|control plane) authorized networks/],
  ['gke-private-endpoint', /private endpoint enabled and public access disabled/, GKE],
  ['gke-private-nodes', /clusters are created with private nodes/, GKE],
  ['gke-node-firewall', /firewalling gke worker nodes/],
  ['gke-network-policy', /network policy is enabled and set as appropriate/, GKE],
  ['gke-managed-certificates', /google-managed ssl certificates/],
  [
    'gke-cloud-logging',
    /(stackdriver kubernetes logging|logging and cloud monitoring) (and monitoring )?is enabled/,
  ],
  ['gke-linux-auditd', /linux auditd logging/],
  ['gke-basic-auth-disabled', /basic authentication using static passwords/],
  ['gke-client-certificates-disabled', /authentication using client certificates is disabled/],
  ['gke-google-groups-rbac', /rbac users with google groups/],
  ['gke-legacy-abac-disabled', /legacy authorization \(abac\)/],
  ['gke-cmek-persistent-disks', /\(cmek\) for gke persistent disks/],
  ['gke-cmek-boot-disks', /\(cmek\) for boot disks/],
  [
    'kubernetes-dashboard-disabled',
    /kubernetes web ui is disabled|kubernetes dashboard must not be enabled/,
  ],
  ['gke-alpha-clusters', /alpha clusters are not used/],
  ['managed-pod-security-policy', /pod security policy is enabled and set as appropriate/],
  ['gke-sandbox', /gke sandbox/],
  ['gke-security-posture', /enable security posture/],
  ['gke-security-command-center', /cloud security command center/],
  // Managed services: AKS
  ['aks-audit-logs', /^logging\|enable audit logs/, AKS],
  ['aks-azure-json-permissions', /azure\.json file has permissions/],
  ['aks-azure-json-ownership', /azure\.json file ownership/],
  ['aks-cni-up-to-date', /latest cni version is used/, AKS],
  ['admission-controllers-verified', /admission controllers are working as expected/],
  ['aks-image-scanning', /image vulnerability scanning/, AKS],
  ['aks-registry-user-access', /minimize user access to azure container registry/],
  ['aks-registry-cluster-read-only', /cluster access to read-only for azure container registry/],
  ['aks-approved-registries', /container registries to only those approved/, AKS],
  ['aks-workload-identity', /dedicated aks service accounts/],
  [
    'aks-secrets-kms',
    /^key management service \(kms\)\|ensure kubernetes secrets are encrypted$/,
    AKS,
  ],
  ['aks-endpoint-access', /restrict access to the control plane endpoint/, AKS],
  ['aks-private-cluster', /private endpoint enabled and public access disabled/, AKS],
  ['aks-private-nodes', /clusters are created with private nodes/, AKS],
  ['aks-network-policy', /network policy is enabled and set as appropriate/, AKS],
  ['aks-load-balancer-tls', /https load balancers with tls certificates/, AKS],
  ['aks-entra-id-users', /rbac users with azure ad/],
  ['aks-azure-rbac', /use azure rbac for kubernetes authorization/],
  ['aks-untrusted-workloads', /^other cluster configurations\|restrict untrusted workloads/],
  ['aks-hostile-multi-tenancy', /hostile multi-tenant workloads/],
  // Managed services: ACK
  ['etcd-service-permissions', /etcd service file permissions/],
  ['etcd-service-ownership', /etcd service file ownership/],
  ['ack-revoke-kubeconfig', /revoke client certificate when possible leakage/],
  ['ack-image-scanning', /image vulnerability scanning/, ACK],
  ['ack-registry-access', /(user access to|cluster access to read-only for) acr$/],
  ['ack-approved-registries', /container registries to only those approved/, ACK],
  ['ack-secrets-kms', /secrets are encrypted using keys managed in kms/],
  [
    'ack-endpoint-access',
    /(restrict access to the control plane endpoint|private endpoint enabled and public access disabled)/,
    ACK,
  ],
  ['ack-private-nodes', /clusters are created with private nodes/, ACK],
  ['ack-network-policy', /network policy is enabled and set as appropriate/, ACK],
  ['ack-load-balancer-tls', /https load balancers with tls certificates/, ACK],
  ['ack-disk-encryption', /data disk encryption for alibaba cloud disks/],
  ['ack-cluster-auditing', /ensure cluster auditing is enabled/],
  ['ack-security-center', /^other cluster configurations\|enable cloud security center$/],
  ['ack-sandboxed-containers', /ack sandboxed-container/],
  ['ack-confidential-computing', /ack tee-based/],
  ['service-account-token-projection', /service account token volume projection/],
  // OpenShift
  ['api-priority-and-fairness', /apipriorityandfairness/],
  [
    'openshift-control-plane-endpoints-rbac',
    /healthz endpoints? (for the scheduler )?(is|are) protected by rbac|scheduler api service is protected/,
  ],
  ['openshift-audit-log-forwarding', /audit logs are forwarded off the cluster/],
  ['audit-log-maxbackup', /maximumretainedfiles argument/],
  ['audit-log-maxsize', /maximumfilesizemegabytes argument|maximum audit log size/],
  ['openshift-garbage-collection', /garbage collection (is configured|in openshift)/],
  ['openshift-unsupported-config-overrides', /unsupported configuration overrides/],
  ['openshift-privileged-scc-access', /access to privileged security context constraints/],
  ['openshift-image-policy', /image provenance using image controller configuration/],
  ['unauthenticated-rbac-bindings', /^api server\|ensure that anonymous requests are authorized/],
  ['apiserver-kubelet-https', /^api server\|use https for kubelet connections/],
  [
    'apiserver-kubelet-client-cert',
    /^api server\|ensure that the kubelet uses certificates to authenticate/,
  ],
  [
    'apiserver-kubelet-certificate-authority',
    /^api server\|verify that the kubelet certificate authority/,
  ],
  ['apiserver-authorization-node', /^api server\|verify that the node authorizer is enabled/],
  ['apiserver-authorization-rbac', /^api server\|verify that rbac is enabled/],
  ['kubelet-read-only-port', /^kubelet\|verify that the read only port/],
  // RBAC and pod security checks the managed-service benchmarks add
  ['unauthenticated-rbac-bindings', /bindings to system:(anonymous|unauthenticated)/],
  ['authenticated-group-rbac-bindings', /bindings to system:authenticated/],
  ['pod-security-baseline-enforced', /enforces pod security standard baseline/],
];
// Checks whose group title and wording no rule can place, by config folder and id.
const BY_ID = {
  // Trivy's k8s-cis-1.23 spec titles 5.2.11 like 5.2.10, but checks it with KSV-0103, its Windows HostProcess check.
  'trivy:k8s-cis-1.23': { '5.2.11': 'windows-host-process' },
  // k3s names the controller manager's kubeconfig after the cloud controller, but audits $controllermanagerkubeconfig.
  'cis-1.6-k3s': { '1.1.17': 'controller-manager-kubeconfig-permissions' },
  // CIS OpenShift calls the administrator kubeconfig (/etc/kubernetes/kubeconfig on masters) "the kubeconfig file".
  'rh-1.4': { '1.1.13': 'admin-kubeconfig-permissions', '1.1.14': 'admin-kubeconfig-ownership' },
  'rh-1.8': { '1.1.13': 'admin-kubeconfig-permissions', '1.1.14': 'admin-kubeconfig-ownership' },
  // The OpenShift 3.10 and 3.11 guide names its checks after OpenShift's own configuration files and settings;
  // each maps to the CIS control it verifies, or to an OpenShift or legacy concept where CIS has none.
  // The DISA STIG's rules name the setting they check; where kube-bench's EKS adaptation audits another component
  // than the title names (V-242390, V-242400 and V-242435 read the kubelet), the concept follows what it audits.
  'eks-stig-kubernetes-v1r6': {
    'V-242376': 'tls-minimum-version',
    'V-242377': 'tls-minimum-version',
    'V-242378': 'tls-minimum-version',
    'V-242379': 'etcd-auto-tls',
    'V-242380': 'etcd-peer-auto-tls',
    'V-242381': 'use-service-account-credentials',
    'V-242382': 'apiserver-authorization-rbac',
    'V-242383': 'default-namespace',
    'V-242384': 'scheduler-bind-address',
    'V-242385': 'controller-manager-bind-address',
    'V-242386': 'apiserver-insecure-port',
    'V-242387': 'kubelet-read-only-port',
    'V-242388': 'apiserver-insecure-bind-address',
    'V-242389': 'apiserver-secure-port',
    'V-242390': 'kubelet-anonymous-auth',
    'V-242391': 'kubelet-anonymous-auth',
    'V-242392': 'kubelet-authorization-mode',
    'V-242393': 'node-sshd-disabled',
    'V-242394': 'node-sshd-disabled',
    'V-242395': 'kubernetes-dashboard-disabled',
    'V-242396': 'kubectl-cp-patched',
    'V-242397': 'kubelet-static-pods-disabled',
    'V-242398': 'stig-feature-gates',
    'V-242399': 'stig-feature-gates',
    'V-242400': 'stig-feature-gates',
    'V-242401': 'audit-policy',
    'V-242402': 'audit-log-path',
    'V-242403': 'audit-policy-coverage',
    'V-242404': 'kubelet-hostname-override',
    'V-242405': 'stig-manifest-files',
    'V-242406': 'kubelet-kubeconfig-ownership',
    'V-242407': 'kubelet-config-permissions',
    'V-242408': 'stig-manifest-files',
    'V-242409': 'controller-manager-profiling',
    'V-242410': 'stig-ppsm-ports',
    'V-242411': 'stig-ppsm-ports',
    'V-242412': 'stig-ppsm-ports',
    'V-242413': 'stig-ppsm-ports',
    'V-242414': 'host-ports',
    'V-242415': 'secrets-as-files',
    'V-242417': 'namespace-boundaries',
    'V-242418': 'apiserver-tls-ciphers',
    'V-242419': 'apiserver-client-ca-file',
    'V-242420': 'kubelet-client-ca-file',
    'V-242421': 'root-ca-file',
    'V-242422': 'apiserver-tls-cert',
    'V-242423': 'etcd-client-cert-auth',
    'V-242424': 'kubelet-tls-cert',
    'V-242425': 'kubelet-tls-cert',
    'V-242426': 'etcd-peer-client-cert-auth',
    'V-242427': 'etcd-tls',
    'V-242428': 'etcd-tls',
    'V-242429': 'apiserver-etcd-cafile',
    'V-242430': 'apiserver-etcd-client-cert',
    'V-242431': 'apiserver-etcd-client-cert',
    'V-242432': 'etcd-peer-tls',
    'V-242433': 'etcd-peer-tls',
    'V-242434': 'kubelet-protect-kernel-defaults',
    'V-242435': 'kubelet-authorization-mode',
    'V-242436': 'admission-validating-webhook',
    'V-242438': 'apiserver-request-timeout',
    'V-242442': 'kubernetes-patching',
    'V-242443': 'kubernetes-patching',
    'V-242444': 'stig-manifest-files',
    'V-242445': 'etcd-data-dir-ownership',
    'V-242446': 'admin-kubeconfig-ownership',
    'V-242447': 'proxy-kubeconfig-permissions',
    'V-242448': 'proxy-kubeconfig-ownership',
    'V-242449': 'kubelet-client-ca-permissions',
    'V-242450': 'kubelet-client-ca-ownership',
    'V-242451': 'pki-ownership',
    'V-242452': 'kubelet-kubeconfig-permissions',
    'V-242453': 'kubelet-kubeconfig-ownership',
    'V-242454': 'kubelet-service-ownership',
    'V-242455': 'kubelet-service-permissions',
    'V-242456': 'kubelet-config-permissions',
    'V-242457': 'kubelet-config-ownership',
    'V-242458': 'stig-manifest-files',
    'V-242459': 'etcd-data-dir-permissions',
    'V-242460': 'admin-kubeconfig-permissions',
    'V-242461': 'audit-policy',
    'V-242462': 'audit-log-maxsize',
    'V-242463': 'audit-log-maxbackup',
    'V-242464': 'audit-log-maxage',
    'V-242465': 'audit-log-path',
    'V-242466': 'pki-certificate-permissions',
    'V-242467': 'pki-key-permissions',
    'V-242468': 'tls-minimum-version',
    'V-245541': 'kubelet-streaming-idle-timeout',
    'V-245542': 'apiserver-basic-auth-file',
    'V-245543': 'apiserver-token-auth-file',
    'V-245544': 'apiserver-kubelet-client-cert',
  },
  'rh-0.7': {
    1.1: 'unauthenticated-rbac-bindings',
    1.2: 'apiserver-basic-auth-file',
    1.3: 'apiserver-insecure-allow-any-token',
    1.4: 'apiserver-kubelet-https',
    1.5: 'apiserver-insecure-bind-address',
    1.6: 'apiserver-insecure-port',
    1.7: 'apiserver-secure-port',
    1.8: 'apiserver-profiling',
    1.9: 'apiserver-repair-malformed-updates',
    '1.10': 'admission-always-admit',
    1.11: 'admission-always-pull-images',
    1.12: 'openshift-security-context-constraints',
    1.13: 'openshift-security-context-constraints',
    1.14: 'admission-namespace-lifecycle',
    1.15: 'audit-log-path',
    1.16: 'audit-log-maxage',
    1.17: 'audit-log-maxbackup',
    1.18: 'audit-log-maxsize',
    1.19: 'apiserver-authorization-not-always-allow',
    '1.20': 'apiserver-token-auth-file',
    1.21: 'apiserver-kubelet-certificate-authority',
    1.22: 'apiserver-kubelet-client-cert',
    1.23: 'service-account-lookup',
    1.24: 'openshift-security-context-constraints',
    1.25: 'service-account-key-file',
    1.26: 'apiserver-etcd-client-cert',
    1.27: 'admission-service-account',
    1.28: 'apiserver-tls-cert',
    1.29: 'apiserver-client-ca-file',
    '1.30': 'apiserver-etcd-cafile',
    1.31: 'apiserver-authorization-rbac',
    1.32: 'admission-node-restriction',
    1.33: 'encryption-provider-config',
    1.34: 'encryption-providers',
    1.35: 'admission-event-rate-limit',
    1.36: 'audit-policy',
    1.37: 'apiserver-request-timeout',
    2.1: 'scheduler-profiling',
    3.1: 'terminated-pod-gc-threshold',
    3.2: 'controller-manager-profiling',
    3.3: 'use-service-account-credentials',
    3.4: 'service-account-private-key-file',
    3.5: 'root-ca-file',
    3.6: 'openshift-security-context-constraints',
    3.7: 'controller-manager-rotate-kubelet-server-cert',
    4.1: 'apiserver-manifest-permissions',
    4.2: 'apiserver-manifest-ownership',
    4.3: 'controller-manager-manifest-permissions',
    4.4: 'controller-manager-manifest-ownership',
    4.5: 'scheduler-manifest-permissions',
    4.6: 'scheduler-manifest-ownership',
    4.7: 'etcd-manifest-permissions',
    4.8: 'etcd-manifest-ownership',
    4.9: 'cni-file-permissions',
    '4.10': 'cni-file-ownership',
    4.11: 'etcd-data-dir-permissions',
    4.12: 'etcd-data-dir-ownership',
    4.13: 'admin-kubeconfig-permissions',
    4.14: 'admin-kubeconfig-ownership',
    4.15: 'scheduler-kubeconfig-permissions',
    4.16: 'scheduler-kubeconfig-ownership',
    4.17: 'controller-manager-kubeconfig-permissions',
    4.18: 'controller-manager-kubeconfig-ownership',
    5.1: 'etcd-tls',
    5.2: 'etcd-client-cert-auth',
    5.3: 'etcd-auto-tls',
    5.4: 'etcd-peer-tls',
    5.5: 'etcd-peer-client-cert-auth',
    5.6: 'etcd-peer-auto-tls',
    5.7: 'etcd-wal-settings',
    5.8: 'etcd-wal-settings',
    5.9: 'etcd-unique-ca',
    6.1: 'cluster-admin-usage',
    6.2: 'openshift-security-context-constraints',
    6.3: 'namespace-boundaries',
    6.4: 'cni-network-policy-support',
    6.5: 'seccomp-profile',
    6.6: 'openshift-security-context-constraints',
    6.7: 'image-provenance',
    6.8: 'namespace-network-policies',
    6.9: 'openshift-privileged-scc-access',
    7.1: 'openshift-privileged-scc-access',
    7.2: 'kubelet-anonymous-auth',
    7.3: 'kubelet-authorization-mode',
    7.4: 'kubelet-client-ca-file',
    7.5: 'kubelet-read-only-port',
    7.6: 'kubelet-streaming-idle-timeout',
    7.7: 'kubelet-protect-kernel-defaults',
    7.8: 'kubelet-iptables-util-chains',
    7.9: 'kubelet-keep-terminated-pod-volumes',
    '7.10': 'kubelet-hostname-override',
    7.11: 'kubelet-event-qps',
    7.12: 'kubelet-tls-cert',
    7.13: 'kubelet-cadvisor-port',
    7.14: 'kubelet-rotate-certificates',
    7.15: 'kubelet-rotate-server-certificate',
    8.1: 'kubelet-kubeconfig-permissions',
    8.2: 'kubelet-kubeconfig-ownership',
    8.3: 'kubelet-service-permissions',
    8.4: 'kubelet-service-ownership',
    8.5: 'proxy-kubeconfig-permissions',
    8.6: 'proxy-kubeconfig-ownership',
    8.7: 'kubelet-client-ca-permissions',
    8.8: 'kubelet-client-ca-ownership',
  },
};

// Concepts a check set may carry on more than one check: the benchmark lists one control twice.
const REPEATS = {
  // CIS 1.3 and 1.4 ask for AdvancedAuditing twice and for compensating controls next to the privileged-container
  // policy; 1.3 also lists the cipher check twice and network policies under two titles.
  'cis-1.3': [
    'audit-policy',
    'privileged-pods',
    'apiserver-tls-ciphers',
    'namespace-network-policies',
  ],
  'cis-1.4': ['audit-policy', 'privileged-pods', 'namespace-network-policies'],
  // CIS GKE asks for Shielded GKE Nodes, integrity monitoring and secure boot, one feature, in three checks; its
  // 1.0.0 and 1.2.0 ask for approved registries and Binary Authorization, which that feature enforces.
  'gke-1.0': ['gke-shielded-nodes', 'gke-binary-authorization'],
  // CIS ACK's registry and endpoint checks split one control each in two.
  'ack-1.0': ['ack-registry-access', 'ack-endpoint-access'],
  // CIS OpenShift asks for health endpoints behind RBAC once per control plane component; rh-1.0 asks for SCCs twice.
  'rh-1.0': ['openshift-control-plane-endpoints-rbac', 'openshift-security-context-constraints'],
  'rh-1.4': ['openshift-control-plane-endpoints-rbac'],
  'rh-1.8': ['openshift-control-plane-endpoints-rbac'],
  // The OpenShift 3 guide asks to use and review SCCs in several places, and splits etcd's WAL settings.
  'rh-0.7': [
    'openshift-security-context-constraints',
    'openshift-privileged-scc-access',
    'etcd-wal-settings',
  ],
  // The STIG asks for one setting under several rules (audit log path, TLS minimum version, kubelet and etcd files and
  // certificates), prints three rules twice, and its EKS adaptation maps two API server rules onto kubelet settings.
  'eks-stig-kubernetes-v1r6': [
    'apiserver-etcd-client-cert',
    'audit-log-path',
    'audit-policy',
    'audit-policy-coverage',
    'etcd-peer-tls',
    'etcd-tls',
    'kubelet-anonymous-auth',
    'kubelet-authorization-mode',
    'kubelet-config-permissions',
    'kubelet-kubeconfig-ownership',
    'kubelet-tls-cert',
    'kubernetes-patching',
    'node-sshd-disabled',
    'stig-feature-gates',
    'stig-manifest-files',
    'stig-ppsm-ports',
    'tls-minimum-version',
    'use-service-account-credentials',
  ],

  'gke-1.2.0': ['gke-shielded-nodes', 'gke-binary-authorization'],
  'gke-1.6.0': ['gke-shielded-nodes', 'gke-binary-authorization', 'unauthenticated-rbac-bindings'],
  'gke-1.8.0': ['gke-shielded-nodes', 'unauthenticated-rbac-bindings'],
  'gke-1.9.0': ['gke-shielded-nodes', 'unauthenticated-rbac-bindings'],
};

// The suffixes kube-bench configs append to titles, some with a stray parenthesis; the scored flag is kept apart.
const SUFFIX = /\( ?(?:automated|manual|scored|not scored)\)\)?$/i;
const bareTitle = (title) => title.trim().replace(SUFFIX, '').trim();

function readTsv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

const usedRules = new Set();
const usedIds = new Set();

function conceptOf(row) {
  const byId = BY_ID[row.benchmark]?.[row.id];
  if (byId) {
    usedIds.add(`${row.benchmark} ${row.id}`);
    return byId;
  }
  const subject = `${row.section_title}|${bareTitle(row.title)}`.toLowerCase();
  const rule = RULES.find(
    ([, pattern, only]) => (!only || only.test(row.benchmark)) && pattern.test(subject)
  );
  if (!rule) return undefined;
  usedRules.add(rule);
  return rule[0];
}

function addSection(sections, id, title) {
  if (!sections.some((s) => s.id === id)) sections.push({ id, title });
}

// Trivy and kubescape print CIS ids and titles but no sections or node types; the CIS layout gives them, so their
// rows get the same columns as kube-bench's and pass through the same rules.
const CIS_GROUPS = {
  1.1: ['1', 'Control Plane Node Configuration Files'],
  1.2: ['1', 'API Server'],
  1.3: ['1', 'Controller Manager'],
  1.4: ['1', 'Scheduler'],
  2: ['2', 'Etcd Node Configuration'],
  3.1: ['3', 'Authentication and Authorization'],
  3.2: ['3', 'Logging'],
  4.1: ['4', 'Worker Node Configuration Files'],
  4.2: ['4', 'Kubelet'],
  4.3: ['4', 'kube-proxy'],
  5.1: ['5', 'RBAC and Service Accounts'],
  5.2: ['5', 'Pod Security Standards'],
  5.3: ['5', 'Network Policies and CNI'],
  5.4: ['5', 'Secrets Management'],
  5.5: ['5', 'Extensible Admission Control'],
  5.7: ['5', 'General Policies'],
};
const CIS_CONTROLS = {
  1: ['master', 'Control Plane Security Configuration'],
  2: ['etcd', 'Etcd Node Configuration'],
  3: ['controlplane', 'Control Plane Configuration'],
  4: ['node', 'Worker Node Security Configuration'],
  5: ['policies', 'Kubernetes Policies'],
};
function cisRow(config, id, title) {
  const group = id.split('.')[0] === '2' ? '2' : id.split('.').slice(0, 2).join('.');
  const [controlsId, sectionTitle] = CIS_GROUPS[group] ?? [];
  if (!controlsId) throw new Error(`${config} ${id}: no CIS section for ${group}`);
  const [nodeType, controlsTitle] = CIS_CONTROLS[controlsId];
  return {
    benchmark: config,
    id,
    section_id: group,
    section_title: sectionTitle,
    node_type: nodeType,
    controls_id: controlsId,
    controls_title: controlsTitle,
    title,
  };
}

const specs = join(shared, 'research/trivy-kubescape-spec-maps');
const rows = [
  ...readTsv(join(research, 'checks-index-all-benchmarks.tsv')),
  ...readTsv(join(root, 'scripts/data/kube-bench-retired-configs.tsv')),
  ...readTsv(join(specs, 'trivy-compliance-specs.tsv'))
    .filter((r) => r.spec_id === 'k8s-cis-1.23')
    .map((r) => cisRow(`trivy:${r.spec_id}`, r.control_id, r.control_name)),
  // kubescape prints "CIS-<id> <title>" as the control's name; the id is the check's, the rest its title.
  ...readTsv(join(specs, 'kubescape-cis-frameworks.tsv'))
    .filter((r) => r.framework === 'cis-v1.23-t1.0.1')
    .map((r) =>
      cisRow(
        `kubescape:${r.framework}`,
        r.cis_id,
        r.control_name_as_printed.slice(`CIS-${r.cis_id} `.length)
      )
    ),
];
const problems = [];
const sets = SETS.map((def) => {
  const mine = rows.filter((r) => r.benchmark === def.config);
  if (mine.length === 0) problems.push(`no rows for ${def.config}`);
  const sections = [];
  const seen = new Map();
  const checks = mine.map((r) => {
    addSection(sections, r.controls_id, r.controls_title);
    addSection(sections, r.section_id, r.section_title);
    const concept = conceptOf(r);
    if (!concept) {
      problems.push(`${def.config} ${r.id}: no concept for "${r.section_title}|${r.title}"`);
    } else if (seen.has(concept) && !REPEATS[def.config]?.includes(concept)) {
      problems.push(`${def.config}: ${r.id} and ${seen.get(concept)} both map to ${concept}`);
    }
    seen.set(concept, r.id);
    // kube-bench's `scored` decides FAIL against WARN; the (Automated)/(Manual) suffix does not always agree.
    // Trivy and kubescape have no such flag.
    return {
      id: r.id,
      title: bareTitle(r.title),
      section: r.section_id,
      ...(r.scored === undefined ? {} : { scored: r.scored === 'true' }),
      node: r.node_type,
      concept,
    };
  });
  return {
    checkSet: def.checkSet ?? `kube-bench-${def.config}`,
    tool: def.tool ?? 'kube-bench',
    benchmark: def.benchmark,
    benchmarkName: def.benchmarkName,
    ...(def.lastShippedIn ? { lastShippedIn: def.lastShippedIn } : {}),
    source: def.source ?? {
      repository: 'aquasecurity/kube-bench',
      ref: `cfg/${def.config}`,
      commit: def.commit ?? KUBE_BENCH_COMMIT,
    },
    sections,
    checks,
  };
});

for (const rule of RULES)
  if (!usedRules.has(rule)) problems.push(`rule for ${rule[0]} matches no check`);
for (const [config, ids] of Object.entries(BY_ID)) {
  for (const id of Object.keys(ids))
    if (!usedIds.has(`${config} ${id}`)) problems.push(`BY_ID ${config} ${id} names no check`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const header = (tool) =>
  `# Generated by scripts/kube-catalog-from-research.mjs; titles and ids as ${tool} prints them.\n`;
const files = new Map(
  sets.map((set) => [
    `${set.checkSet}.yaml`,
    header(set.tool) + yaml.dump(set, { lineWidth: 200, noRefs: true }),
  ])
);
mkdirSync(outDir, { recursive: true });
// The other Trivy and kubescape check sets here are scripts/compliance-catalog-from-research.mjs's to write.
const existing = readdirSync(outDir).filter(
  (f) =>
    f.endsWith('.yaml') &&
    !readFileSync(join(outDir, f), 'utf8').startsWith(
      '# Generated by scripts/compliance-catalog-from-research.mjs'
    )
);
const stale = [
  ...[...files]
    .filter(([name, text]) => {
      try {
        return readFileSync(join(outDir, name), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(([name]) => name),
  ...existing.filter((name) => !files.has(name)),
].sort();
const summary = `${sets.length} check sets, ${sets.reduce((n, s) => n + s.checks.length, 0)} checks, ${new Set(sets.flatMap((s) => s.checks.map((c) => c.concept))).size} concepts`;
if (check) {
  if (stale.length > 0) {
    console.error(
      `out of date: ${stale.join(', ')}; run node scripts/kube-catalog-from-research.mjs`
    );
    process.exit(1);
  }
  console.log(`up to date: ${summary}`);
} else {
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  const extra = existing.filter((name) => !files.has(name));
  if (extra.length > 0) console.error(`not generated, remove by hand: ${extra.join(', ')}`);
  console.log(`${stale.length} of ${files.size} files changed: ${summary}`);
}
