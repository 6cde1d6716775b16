/**
 * The Jest transform of the end-to-end tier: ts-jest (isolated, as in the other tiers) for every
 * file, except DTOs and controllers, which are compiled with the @nestjs/swagger CLI plugin and
 * the options `nest build` uses (jest.config.js reads them from nest-cli.json). Without it the
 * OpenAPI document a test reads at /docs-json has empty body schemas and no query parameters.
 *
 * The plugin needs the type checker. ts-jest gives transformers one only without isolatedModules,
 * and then walks every file's whole import graph (node_modules' typings included) to compute each
 * cache key: about 12 s per worker on every run, cached or not. Here a worker builds one program
 * for the DTOs and controllers it meets, and only when Jest's cache misses.
 */
const { createHash } = require('node:crypto');
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const plugin = require('@nestjs/swagger/plugin');
const tsJest = require('ts-jest').default;

const ROOT = path.resolve(__dirname, '../..');
const PLUGIN_VERSION = require('@nestjs/swagger/package.json').version;

function createTransformer({ pluginOptions, ...tsJestOptions }) {
  const isolated = tsJest.createTransformer(tsJestOptions);
  const suffixes = [...pluginOptions.dtoFileNameSuffix, ...pluginOptions.controllerFileNameSuffix];
  const needsPlugin = (fileName) =>
    fileName.startsWith(path.join(ROOT, 'apps')) && suffixes.some((suffix) => fileName.endsWith(suffix));
  let program;

  function compile(fileName) {
    // One program for all of them: the first DTO a worker compiles pays for the type checker once.
    if (!program?.getSourceFile(fileName)) {
      const roots = new Set([...sourceFiles().filter(needsPlugin), ...(program?.getRootFileNames() ?? []), fileName]);
      program = ts.createProgram({ rootNames: [...roots], options: compilerOptions(), oldProgram: program });
    }
    let code;
    const emitted = program.emit(program.getSourceFile(fileName), (name, text) => (code = text), undefined, false, {
      before: [plugin.before(pluginOptions, program)],
    });
    if (emitted.emitSkipped || code === undefined) throw new Error(`TypeScript emitted nothing for ${fileName}`);
    return { code };
  }

  return {
    canInstrument: false,
    getCacheKey(source, fileName, options) {
      const key = isolated.getCacheKey(source, fileName, options);
      // The plugin reads types from imported files too (enums, nested DTOs): any source change counts.
      return needsPlugin(fileName)
        ? sha1(key, PLUGIN_VERSION, ts.version, JSON.stringify(pluginOptions), sourcesStamp())
        : key;
    },
    process(source, fileName, options) {
      return needsPlugin(fileName) ? compile(fileName) : isolated.process(source, fileName, options);
    },
  };
}

let compiled;
function compilerOptions() {
  if (!compiled) {
    const { config, error } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    compiled = {
      ...options,
      noEmit: false,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: true,
    };
  }
  return compiled;
}

let sources;
function sourceFiles() {
  if (!sources) {
    sources = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts')) sources.push(file);
      }
    };
    for (const dir of ['apps', 'libs']) walk(path.join(ROOT, dir));
  }
  return sources;
}

let stamp;
function sourcesStamp() {
  stamp ??= sha1(...sourceFiles().map((file) => `${file}:${statSync(file).mtimeMs}`));
  return stamp;
}

const sha1 = (...parts) => createHash('sha1').update(parts.join('\0')).digest('hex');

module.exports = { createTransformer };
