const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/** Bundles the service and its workspace libs; npm packages stay external (node_modules). */
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/gateway'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      skipTypeChecking: true,
    }),
  ],
};
