// Compiles the providers' input schemas into standalone ajv code at build time (see
// provider/validation/precompiled.ts), so the provider host does not load ajv or compile schemas
// before answering the first check.
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv").default;
const { _ } = require("ajv");
const standaloneCode = require("ajv/dist/standalone").default;
const addFormats = require("ajv-formats").default;

const dist = path.resolve(__dirname, "..", "dist", "provider");
const { AJV_OPTIONS } = require(path.join(dist, "validation", "ajv-options"));
const schemas = {
  SnykApp: require(path.join(dist, "app")).appInputSchema().schema,
  SnykAppSecret: require(path.join(dist, "app-secret")).appSecretInputSchema().schema,
  SnykAppInstall: require(path.join(dist, "app-install")).appInstallInputSchema().schema,
};

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
addFormats(ajv);
for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
const code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
fs.writeFileSync(path.join(dist, "validation", "compiled-validators.js"), code);
