import path from 'node:path';

/**
 * The few static files the offline GraphQL IDE needs, served from node_modules.
 * `require.resolve('graphiql/graphiql.min.js')` throws ERR_PACKAGE_PATH_NOT_EXPORTED,
 * so each package is located through its package.json.
 */
function fromPackage(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

export interface IdeAsset {
  file: string;
  contentType: string;
}

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

let assets: Record<string, IdeAsset> | undefined;

/** Whitelist: public name -> absolute file and content type (resolved lazily, once). */
export function ideAssets(): Record<string, IdeAsset> {
  assets ??= {
    'graphiql.min.js': { file: fromPackage('graphiql', 'graphiql.min.js'), contentType: JS },
    'graphiql.min.css': { file: fromPackage('graphiql', 'graphiql.min.css'), contentType: CSS },
    'react.production.min.js': {
      file: fromPackage('react', 'umd/react.production.min.js'),
      contentType: JS,
    },
    'react-dom.production.min.js': {
      file: fromPackage('react-dom', 'umd/react-dom.production.min.js'),
      contentType: JS,
    },
  };
  return assets;
}

/** A whitelisted IDE asset by file name, or undefined for any other name (`constructor` included). */
export function ideAsset(name: string): IdeAsset | undefined {
  const all = ideAssets();
  return Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
}
