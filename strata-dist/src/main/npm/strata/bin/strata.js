#!/usr/bin/env node
// Runs strata from the platform package that npm installed beside this one (esbuild's pattern:
// one optional dependency per platform, and npm installs only the one that matches). The
// platform package carries its own Java runtime, so nothing else needs installing.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const platforms = { 'linux x64': '@strata-migrations/cli-linux-x64' };
const platform = `${process.platform} ${process.arch}`;
const packageName = platforms[platform];
if (!packageName) {
  console.error(`strata: no npm package for ${platform} yet; the packages are built for: ${Object.keys(platforms).join(', ')}.`
    + ' Use the release package strata-VERSION.tar.gz with Java 17 or newer instead.');
  process.exit(2);
}
let home;
try {
  home = path.dirname(require.resolve(`${packageName}/package.json`));
} catch (e) {
  console.error(`strata: the package ${packageName} is missing; reinstall without --no-optional`
    + ' (npm install @strata-migrations/cli).');
  process.exit(2);
}
const java = path.join(home, 'runtime', 'bin', 'java');
if (!fs.existsSync(java)) {
  console.error(`strata: ${packageName} has no Java runtime at ${java}; reinstall it.`);
  process.exit(2);
}
// The same JVM options as the package's bin/strata: the cache maps only into a JVM started with them.
const options = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];
const aot = path.join(home, 'lib', 'strata.aot');
if (fs.existsSync(aot)) {
  options.push(`-XX:AOTCache=${aot}`, '-Xlog:aot=off', '-Xlog:cds=off');
}
const nativeDir = path.join(home, 'lib', 'native');
if (fs.existsSync(path.join(nativeDir, 'libsqlitejdbc.so'))) {
  options.push(`-Dorg.sqlite.lib.path=${nativeDir}`, '-Dorg.sqlite.lib.name=libsqlitejdbc.so');
}
const extra = (process.env.STRATA_JAVA_OPTS || '').split(/\s+/).filter(Boolean);
const result = spawnSync(java, [...options, ...extra, '-jar', path.join(home, 'lib', 'strata.jar'), ...process.argv.slice(2)],
  { stdio: 'inherit' });
if (result.error) {
  console.error(`strata: could not start ${java}: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status === null ? 1 : result.status);
