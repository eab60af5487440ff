// TypeScript 7 (the native compiler, the root's devDependency) checks and builds the workspace.
// openapi-typescript, which writes the client's types from the BFF's OpenAPI document, drives
// TypeScript's JavaScript API, which only 5.x has: it gets a 5.x of its own instead of taking the
// workspace's as a peer.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'openapi-typescript' && pkg.peerDependencies?.typescript) {
        delete pkg.peerDependencies.typescript;
        pkg.dependencies = { ...pkg.dependencies, typescript: '5.9.3' };
      }
      return pkg;
    },
  },
};
