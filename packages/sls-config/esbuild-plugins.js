'use strict';
// esbuild plugins every service's bundling uses (packages/sls-config/esbuild.yml).
const { mkdirSync, readdirSync, renameSync } = require('node:fs');
const path = require('node:path');

function mapsIn(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js.map'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Deployed stages build `sourcemap: external` maps (no sourceMappingURL, no --enable-source-maps):
 * a Lambda never reads them, so they leave the bundle folder before it is zipped and wait beside
 * the package (`.serverless/sourcemaps/`, or under `--package DIR`) for CI to archive, where a
 * minified stack trace from the logs can be resolved. Locally (`sourcemap: linked`) they stay.
 */
function sourceMapsAside(serverless) {
  return {
    name: 'source-maps-aside',
    setup(build) {
      if (build.initialOptions.sourcemap !== 'external') return;
      const outdir = build.initialOptions.outdir;
      const packageDir = path.resolve(
        serverless.serviceDir,
        serverless.processedInput?.options?.package ?? '.serverless',
      );
      build.onEnd((result) => {
        if (result.errors.length > 0 || !outdir) return;
        // outdir is .esbuild/.build/<entry folder>; keep the entry's relative path under sourcemaps/.
        const buildRoot = outdir.slice(0, outdir.indexOf(`${path.sep}.build`) + `${path.sep}.build`.length);
        for (const map of mapsIn(outdir)) {
          const target = path.join(packageDir, 'sourcemaps', path.relative(buildRoot, map));
          mkdirSync(path.dirname(target), { recursive: true });
          renameSync(map, target);
        }
      });
    },
  };
}

module.exports = (serverless) => [sourceMapsAside(serverless)];
