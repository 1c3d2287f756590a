#!/usr/bin/env node
// Generates TypeScript types and a fetch client from ../openapi.json, and the types of
// ../openapi-oai.json, into dist/ (as BodhiApp's ts-client reads both specs).
// Plain Node (>= 18), no packages, deterministic output: same spec, same bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const clientDir = path.resolve(__dirname, '..');
const specPath = path.join(clientDir, '..', 'openapi.json');
const oaiSpecPath = path.join(clientDir, '..', 'openapi-oai.json');
const outDir = path.join(clientDir, 'dist');
const HEADER = '// Generated from openapi.json by ts-client/scripts/generate.js. Do not edit.\n';
const OAI_HEADER = '// Generated from openapi-oai.json by ts-client/scripts/generate.js. Do not edit.\n';
const SCHEMA_PREFIX = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function refName(ref) {
  if (!ref.startsWith(SCHEMA_PREFIX)) {
    throw new Error(`unsupported $ref: ${ref}`);
  }
  return ref.slice(SCHEMA_PREFIX.length);
}

function docComment(text, pad) {
  return text ? `${pad}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
}

function tsType(schema, depth) {
  if (schema.$ref) return refName(schema.$ref);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `Array<${tsType(schema.items || {}, depth)}>`;
    case 'object':
      return objectType(schema, depth);
    default:
      return 'unknown';
  }
}

function objectType(schema, depth) {
  const properties = schema.properties || {};
  const required = new Set(schema.required || []);
  const pad = '  '.repeat(depth + 1);
  const members = Object.keys(properties).map((name) => {
    const prop = properties[name];
    const optional = required.has(name) ? '' : '?';
    return `${docComment(prop.description, pad)}${pad}${name}${optional}: ${tsType(prop, depth + 1)};`;
  });
  return `{\n${members.join('\n')}\n${'  '.repeat(depth)}}`;
}

function generateTypes(spec, header = HEADER) {
  const schemas = (spec.components && spec.components.schemas) || {};
  const blocks = Object.keys(schemas)
    .sort()
    .map((name) => `${docComment(schemas[name].description, '')}export type ${name} = ${tsType(schemas[name], 0)};\n`);
  return `${header}\n${blocks.join('\n')}`;
}

function successSchema(operation) {
  const responses = operation.responses || {};
  const code = Object.keys(responses)
    .sort()
    .find((c) => c.startsWith('2'));
  const content = code && responses[code].content && responses[code].content['application/json'];
  return content ? tsType(content.schema, 1) : 'void';
}

function listOperations(spec) {
  const operations = [];
  for (const route of Object.keys(spec.paths || {}).sort()) {
    for (const method of METHODS) {
      const operation = spec.paths[route][method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${route} has no operationId`);
      if ((operation.parameters || []).length || operation.requestBody) {
        throw new Error(`${operation.operationId}: parameters and request bodies are not supported`);
      }
      operations.push({ route, method: method.toUpperCase(), operation });
    }
  }
  return operations.sort((a, b) => a.operation.operationId.localeCompare(b.operation.operationId, 'en'));
}

function generateClient(spec) {
  const operations = listOperations(spec);
  const used = new Set();
  const methods = operations.map(({ route, method, operation }) => {
    const doc = docComment(operation.summary, '    ');
    const result = successSchema(operation);
    for (const name of result.match(/\b[A-Z]\w*/g) || []) used.add(name);
    return `${doc}    ${operation.operationId}: (): Promise<${result}> => request<${result}>('${method}', '${route}'),`;
  });
  return `${HEADER}
import type { ${[...used].sort().join(', ')} } from './types';

/** A non-2xx answer; \`body\` is the decoded JSON error, when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(\`HTTP \${status}\`);
    this.name = 'ApiError';
  }
}

export type FetchLike = (input: string, init?: { method?: string; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

export function createClient(baseUrl: string, fetchImpl: FetchLike = fetch) {
  const base = baseUrl.replace(/\\/+$/, '');
  async function request<T>(method: string, route: string): Promise<T> {
    const response = await fetchImpl(\`\${base}\${route}\`, { method, headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw new ApiError(response.status, body);
    return body as T;
  }
  return {
${methods.join('\n')}
  };
}

export type Client = ReturnType<typeof createClient>;
`;
}

function main() {
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
  const oaiSpec = JSON.parse(fs.readFileSync(oaiSpecPath, 'utf8'));
  const files = {
    'types.ts': generateTypes(spec),
    'client.ts': generateClient(spec),
    'openai.ts': generateTypes(oaiSpec, OAI_HEADER),
    'index.ts': `${HEADER}\nexport * from './types';\nexport * from './client';\n`,
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of Object.keys(files)) {
    fs.writeFileSync(path.join(outDir, name), files[name]);
  }
  const version = (spec.info && spec.info.version) || '?';
  console.log(`ts-client: ${Object.keys(files).length} files for API ${version} written to dist/`);
}

main();
