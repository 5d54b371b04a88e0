// Writes schema/persisted-operations.json, where the server reads it, from the web app's
// persisted-documents list (written by graphql-codegen). Apollo adds __typename to every
// selection before it sends a document, so each listed text gets the same treatment:
// a hash must run exactly what the client would have sent, or the cache would lack the
// typenames. The contract lives in schema/; the server bundle never reaches into web/.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { addTypenameToDocument, print } from '@apollo/client/utilities/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'web/src/graphql/generated/persisted-documents.json');
const target = join(root, 'schema/persisted-operations.json');
const documents = JSON.parse(readFileSync(source, 'utf8'));
const listed = Object.entries(documents)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([hash, text]) => [hash, print(addTypenameToDocument(parse(text))).replace(/\s+/g, ' ').trim()]);
writeFileSync(target, `${JSON.stringify(Object.fromEntries(listed), null, 2)}\n`);
console.log(`${listed.length} persisted operations → schema/persisted-operations.json`);
