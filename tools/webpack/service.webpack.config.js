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
      plugins: [new TsconfigPathsPlugin({ configFile: join(project, 'tsconfig.app.json') })],
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
