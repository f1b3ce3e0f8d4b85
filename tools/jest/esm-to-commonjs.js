// Jest transform for the npm packages published as ES modules only (see jest.preset.js). Node 24
// loads them with require(esm), but jest's module loader cannot, so tests get them as CommonJS.
// Only the module syntax changes: target ES2022 with standard class fields, as Node runs them
// (ts-jest cannot be used twice with different compiler options: it shares one config per
// project, and the workspace's useDefineForClassFields: false breaks these packages' classes).
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  useDefineForClassFields: true,
  esModuleInterop: true,
  allowJs: true,
  sourceMap: true,
  inlineSources: true,
};

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions,
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(`${ts.version}\0${JSON.stringify(compilerOptions)}\0${sourcePath}\0${sourceText}`)
      .digest('hex');
  },
};
