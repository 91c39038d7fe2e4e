/** Generated at build time by esbuild.config.mjs: imports every test/integration test file. */
declare module 'integration-tests:all' {}
