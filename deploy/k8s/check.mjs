// Checks the deployment files offline: every Kubernetes object in deploy/k8s (examples/ included) against the
// Kubernetes API's JSON schemas (kubernetes-models), the kustomization against the files beside it, and the
// Dockerfile's shape (dockerfile-ast): the base-image ARGs, the stages, a non-root user, a health check, SIGTERM.
// A custom resource (CloudNativePG's Cluster) has no schema here and is reported as such, never as checked.
//
//   node deploy/k8s/check.mjs           one line per object, then "N passed, N failed"
//   node deploy/k8s/check.mjs --json    the same as JSON, with every object parsed (tests/…/Deploy reads it)
//
// Run by tests/Engagement.FunctionalTests/Deploy/DeploymentFilesTests.cs under ./engage test (which runs npm ci here).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { DockerfileParser } from "dockerfile-ast";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const json = process.argv.includes("--json");
const results = []; // { file, apiVersion, kind, name, status: "ok" | "failed" | "unchecked", problems: [] }

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

// apiVersion "apps/v1" -> kubernetes-models/apps/v1/<Kind>; the core group "v1" -> kubernetes-models/v1/<Kind>.
async function modelFor(apiVersion, kind) {
  const module = `kubernetes-models/${apiVersion}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch (error) {
    if (error.code === "ERR_MODULE_NOT_FOUND" || error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw error;
  }
}

async function checkObject(file, object) {
  const result = { file, apiVersion: object?.apiVersion, kind: object?.kind, name: object?.metadata?.name, status: "ok", problems: [], object };
  results.push(result);
  if (!object?.apiVersion || !object?.kind || !object?.metadata?.name) {
    result.status = "failed";
    result.problems.push("apiVersion, kind and metadata.name are required");
    return;
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    result.status = "unchecked";
    result.problems.push(`no schema for ${object.apiVersion} ${object.kind} (a custom resource): not validated`);
    return;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    result.status = "failed";
    result.problems.push(...(error.errors ?? [error]).map((e) => (e.instancePath ? `${e.instancePath}: ${e.message}` : String(e.message ?? e))));
  }
}

async function checkManifests() {
  for (const path of yamlFiles(here)) {
    const file = relative(root, path);
    if (file.endsWith("kustomization.yaml")) continue;
    for (const document of parseAllDocuments(readFileSync(path, "utf8"))) {
      if (document.errors.length > 0) {
        results.push({ file, status: "failed", problems: document.errors.map((e) => e.message) });
        continue;
      }
      const object = document.toJS();
      if (object !== null) await checkObject(file, object);
    }
  }
}

// Every manifest beside the kustomization is applied by it, and everything it names exists (examples/ is not applied).
function checkKustomization() {
  const file = relative(root, join(here, "kustomization.yaml"));
  const kustomization = parseAllDocuments(readFileSync(join(here, "kustomization.yaml"), "utf8"))[0].toJS();
  const listed = kustomization.resources ?? [];
  const beside = readdirSync(here).filter((name) => /\.ya?ml$/.test(name) && name !== "kustomization.yaml");
  const problems = [
    ...listed.filter((name) => !existsSync(join(here, name))).map((name) => `lists ${name}, which does not exist`),
    ...beside.filter((name) => !listed.includes(name)).map((name) => `does not list ${name}`),
  ];
  results.push({ file, apiVersion: kustomization.apiVersion, kind: kustomization.kind, name: "(kustomization)", status: problems.length ? "failed" : "ok", problems });
}

// The Dockerfile as docs/deploy.md describes it.
function checkDockerfile() {
  const file = "Dockerfile";
  const dockerfile = DockerfileParser.parse(readFileSync(join(root, file), "utf8"));
  const problems = [];
  const args = Object.fromEntries(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName(), arg.getProperty()?.getValue()]));
  const expectedArgs = { NODE_IMAGE: "node:20-bookworm-slim", SDK_IMAGE: "mcr.microsoft.com/dotnet/sdk:10.0", RUNTIME_IMAGE: "mcr.microsoft.com/dotnet/runtime-deps:10.0" };
  for (const [name, value] of Object.entries(expectedArgs))
    if (args[name] !== value) problems.push(`ARG ${name} should default to ${value} (it is ${args[name]})`);
  const stages = dockerfile.getFROMs().map((from) => ({ image: from.getImageName(), stage: from.getBuildStage() }));
  const expectedStages = [{ image: "${NODE_IMAGE}", stage: "web" }, { image: "${SDK_IMAGE}", stage: "build" }, { image: "${RUNTIME_IMAGE}", stage: "runtime" }];
  if (JSON.stringify(stages) !== JSON.stringify(expectedStages))
    problems.push(`stages should be ${JSON.stringify(expectedStages)} (they are ${JSON.stringify(stages)})`);
  // The last stage is the image: what it runs as, exposes, stops with and checks.
  const instructions = dockerfile.getInstructions();
  const lastFrom = instructions.findLastIndex((i) => i.getKeyword() === "FROM");
  const runtime = instructions.slice(lastFrom);
  const last = (keyword) => runtime.filter((i) => i.getKeyword() === keyword).at(-1)?.getArgumentsContent() ?? null;
  const user = last("USER");
  const userLine = runtime.filter((i) => i.getKeyword() === "USER").at(-1)?.getRange().start.line;
  const resolvedUser = user?.replace(/\$\{?(\w+)\}?/g, (_, name) => dockerfile.resolveVariable(name, userLine) ?? "");
  if (!resolvedUser || /^(0|root)(:|$)/.test(resolvedUser)) problems.push(`the runtime stage must run as a non-root USER (it is ${user} = ${resolvedUser})`);
  if (last("STOPSIGNAL") !== "SIGTERM") problems.push("STOPSIGNAL should be SIGTERM (the silo drains on it)");
  const healthcheck = last("HEALTHCHECK");
  if (!healthcheck || !healthcheck.includes("CMD")) problems.push("the runtime stage needs a HEALTHCHECK CMD");
  const exposed = runtime.filter((i) => i.getKeyword() === "EXPOSE").flatMap((i) => i.getArguments().map((a) => a.getValue()));
  const env = Object.fromEntries(runtime.filter((i) => i.getKeyword() === "ENV").flatMap((i) => i.getProperties().map((p) => [p.getName(), p.getValue()])));
  results.push({
    file, kind: "Dockerfile", name: "(image)", status: problems.length ? "failed" : "ok", problems,
    object: { args, stages, user: resolvedUser, healthcheck, exposed, env, entrypoint: last("ENTRYPOINT"), stopSignal: last("STOPSIGNAL") },
  });
}

await checkManifests();
checkKustomization();
checkDockerfile();

const failed = results.filter((r) => r.status === "failed").length;
const passed = results.filter((r) => r.status === "ok").length;
if (json) {
  console.log(JSON.stringify({ passed, failed, results }, null, 1));
} else {
  for (const r of results) {
    const what = [r.apiVersion, r.kind, r.name].filter(Boolean).join(" ");
    console.log(`${r.status.padEnd(9)} ${what} (${r.file})`);
    for (const problem of r.problems) console.log(`          ${problem}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
}
process.exit(failed > 0 ? 1 : 0);
