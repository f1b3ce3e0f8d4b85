// One webpack config for every service: bundles the service with the workspace libs it imports
// (resolved from tsconfig paths) and leaves npm packages external, to be loaded from
// node_modules at run time (so OpenTelemetry's require hooks still see them).
const { join } = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const root = join(__dirname, '../..');

module.exports = function serviceWebpackConfig(service) {
  const project = join(root, 'apps', service);
  return {
    mode: 'production',
    target: 'node',
    context: project,
    entry: { main: './src/main.ts' },
    output: { path: join(root, 'dist/apps', service), filename: '[name].js', clean: true },
    devtool: 'source-map',
    optimization: { minimize: false },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: join(root, 'node_modules') })],
    resolve: {
      extensions: ['.ts', '.js', '.json'],
      // The workspace paths are read from the file that declares them: without a baseUrl
      // (deprecated in TypeScript 6) they are relative to that file, and tsconfig-paths
      // would take them relative to an extending tsconfig.app.json instead.
      plugins: [new TsconfigPathsPlugin({ configFile: join(root, 'tsconfig.base.json') })],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // Types are checked by `npm run typecheck`; the build only transpiles.
          options: { configFile: join(project, 'tsconfig.app.json'), transpileOnly: true },
        },
      ],
    },
    stats: 'errors-warnings',
  };
};
