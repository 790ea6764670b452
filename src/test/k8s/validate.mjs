// Validates every manifest under the given folder (default k8s/) against the Kubernetes API schemas
// (kubernetes-models, offline) and checks Parley's deployment invariants. Prints one line per
// problem and exits 1 if there is any.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as policy from "kubernetes-models/policy/v1";
import * as cnpg from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";

const MODELS = {
  "v1/Namespace": core.Namespace, "v1/ConfigMap": core.ConfigMap, "v1/Secret": core.Secret, "v1/Service": core.Service,
  "apps/v1/Deployment": apps.Deployment, "networking.k8s.io/v1/Ingress": networking.Ingress,
  "networking.k8s.io/v1/NetworkPolicy": networking.NetworkPolicy, "autoscaling/v2/HorizontalPodAutoscaler": autoscaling.HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget, "postgresql.cnpg.io/v1/Cluster": cnpg.Cluster,
};
const HEALTH = new Set(["/q/health/live", "/q/health/ready", "/q/health/started"]);
const root = process.argv[2] ?? "k8s";
const problems = [];
const objects = [];

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []);
}

for (const file of files(root)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const key = `${doc.apiVersion}/${doc.kind}`;
    if (doc.kind === "Kustomization") {
      for (const resource of doc.resources ?? []) {
        if (!fs.existsSync(path.join(path.dirname(file), resource))) problems.push(`${file}: resource ${resource} does not exist`);
      }
      continue;
    }
    const Model = MODELS[key];
    if (!Model) { problems.push(`${file}: no schema known for ${key}`); continue; }
    try {
      new Model(doc).validate();
      objects.push({ file, doc });
    } catch (e) {
      problems.push(`${file}: ${key} ${doc.metadata?.name} is invalid: ${e.message}`);
    }
  }
}

const find = (kind) => objects.filter((o) => o.doc.kind === kind);
for (const { file, doc } of find("Deployment")) {
  const spec = doc.spec.template.spec;
  const c = spec.containers[0];
  if (doc.spec.replicas < 2) problems.push(`${file}: fewer than 2 replicas`);
  if (c.image !== "parley") problems.push(`${file}: image ${c.image} is not parley (kustomize sets the registry and tag)`);
  const port = (c.ports ?? []).find((p) => p.name === "http");
  if (!port || port.containerPort !== 8080) problems.push(`${file}: no port "http" on 8080, where Quarkus listens`);
  for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const p = c[probe]?.httpGet?.path;
    if (!HEALTH.has(p)) problems.push(`${file}: ${probe} does not point at a /q/health endpoint (${p})`);
  }
  if (!c.resources?.requests?.cpu || !c.resources?.limits?.memory) problems.push(`${file}: resource requests/limits missing`);
  const sc = c.securityContext ?? {};
  if (sc.allowPrivilegeEscalation !== false || sc.readOnlyRootFilesystem !== true || !(sc.capabilities?.drop ?? []).includes("ALL")) {
    problems.push(`${file}: container security context must forbid escalation, drop ALL and be read-only`);
  }
  if (spec.securityContext?.runAsNonRoot !== true) problems.push(`${file}: pods must run as non-root`);
  if ((spec.terminationGracePeriodSeconds ?? 30) < 40) problems.push(`${file}: grace period shorter than drain delay + shutdown timeout`);
}
for (const { file, doc } of find("Service")) {
  const port = doc.spec.ports.find((p) => p.name === "http");
  if (port?.targetPort !== "http") problems.push(`${file}: service does not target the container's http port`);
  const selected = find("Deployment").some((d) => d.doc.spec.template.metadata.labels["app.kubernetes.io/name"] === doc.spec.selector["app.kubernetes.io/name"]);
  if (!selected) problems.push(`${file}: service selects no deployment`);
}
for (const { file, doc } of find("Secret")) {
  for (const [k, v] of Object.entries({ ...(doc.stringData ?? {}), ...(doc.data ?? {}) })) {
    if (v !== "") problems.push(`${file}: secret ${k} has a value committed`);
  }
}
for (const { file, doc } of find("Cluster")) {
  if (doc.spec.instances < 3) problems.push(`${file}: fewer than 3 PostgreSQL instances`);
  if (!doc.spec.postgresql?.synchronous?.number) problems.push(`${file}: no synchronous replication`);
}
for (const kind of ["Namespace", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "Secret", "Cluster"]) {
  if (find(kind).length === 0) problems.push(`no ${kind} under ${root}`);
}

for (const p of problems) console.log(p);
console.log(`${objects.length} manifests validated, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
