// The published schema of pillars-export.json (docs/export.schema.json), compiled once, and an
// assertion that a document follows it, naming every place where it does not.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const schemaPath = new URL('../../../docs/export.schema.json', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** Asserts `doc` is a valid pillars-export document. */
export function assertExportSchema(doc) {
  const ok = validate(doc);
  const problems = (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  assert.ok(ok, `the export follows docs/export.schema.json:\n${problems.join('\n')}`);
}
