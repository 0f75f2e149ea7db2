'use strict';
/**
 * `node -r ./test/support/register-ts.js src/…`: runs the TypeScript sources in a real process (the tests spawn the
 * CLI this way, so they test the code as it is, not a stale dist/). Same swc settings as jest.config.js.
 */
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
