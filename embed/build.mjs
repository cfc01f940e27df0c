// Builds Maoni's embed scripts: each is its source files joined in one
// function scope, minified by the pinned terser. Usage: node build.mjs [OUT_DIR]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "maoni", "static", "maoni");

const BUILDS = {
  "embed.js": ["texts.js", "language.js", "widget.js", "form.js", "own.js"],
  "count.js": ["texts.js", "language.js", "count.js"],
};

mkdirSync(out, { recursive: true });
for (const [name, parts] of Object.entries(BUILDS)) {
  const source = parts.map((part) => readFileSync(join(here, "src", part), "utf8")).join("\n");
  const result = await minify(`(() => {\n"use strict";\n${source}\n})();\n`, {
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: {
      preamble: `/*! Maoni ${name}: built from embed/src/ by "make embed"; see docs/embed.md */`,
    },
  });
  writeFileSync(join(out, name), result.code + "\n");
  console.log(`${name}: ${result.code.length} bytes`);
}
