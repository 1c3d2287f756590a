#!/usr/bin/env node
// Writes out/index.html, as BodhiApp's `vite build` writes the UI to out/. Like the real UI,
// it needs the ts-client package built (dist/) and installed through its file: dependency.
// Plain Node (>= 18), no packages, deterministic output.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const uiDir = path.resolve(__dirname, '..');
const clientDist = path.join(uiDir, 'node_modules', '@bodhiapp', 'ts-client', 'dist');
const outDir = path.join(uiDir, 'out');

function main() {
  const clientFile = path.join(clientDist, 'client.ts');
  if (!fs.existsSync(clientFile)) {
    console.error(`ui: ${clientFile} not found: build ts-client (npm run build:openapi) and run npm install first`);
    process.exit(1);
  }
  const operations = [...fs.readFileSync(clientFile, 'utf8').matchAll(/^ {4}(\w+): \(\)/gm)].map((m) => m[1]);
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Bodhi App (fixture UI)</title></head>',
    `<body><h1>Bodhi App</h1><p>API operations: ${operations.join(', ')}</p></body>`,
    '</html>',
    '',
  ].join('\n');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  console.log(`ui: out/index.html written (${operations.length} API operations)`);
}

main();
