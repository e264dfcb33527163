#!/usr/bin/env bash
# Refreshes the GraphiQL IDE the server serves itself (src/Platform/Server/Http/Ide/assets/): graphiql's UMD bundle and
# stylesheet, React's and ReactDOM's UMD builds, each package's LICENSE beside its files, and packages.json, the record
# of what came from where (version, licence, the registry's integrity hash). The files are embedded in Platform.Server,
# so rebuild after running this, then run the IDE tests (`./test.sh --filter FullyQualifiedName~Ide`).
#
#   scripts/update-graphiql.sh 3.9.0            # graphiql 3.9.0 with React 18.3.1
#   scripts/update-graphiql.sh 3.9.0 18.3.1     # the React version too
#
# graphiql 3.x is the last line with a UMD bundle (4 and later ship ES modules only), and React 18 the last with UMD
# builds; the script stops if a package lacks the file the page loads. Needs npm (Debian's `npm`).
set -euo pipefail

usage="usage: scripts/update-graphiql.sh GRAPHIQL_VERSION [REACT_VERSION]"
graphiql_version=${1:?$usage}
react_version=${2:-18.3.1}
root=$(cd "$(dirname "$0")/.." && pwd)
assets="$root/src/Platform/Server/Http/Ide/assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is missing: apt-get install -y npm" >&2; exit 1; }

# name version: the files the page needs, taken from the package's tarball as npm pack downloads it.
declare -A files=(
  [graphiql]="graphiql.min.js graphiql.min.css"
  [react]="umd/react.production.min.js"
  [react-dom]="umd/react-dom.production.min.js"
)
declare -A versions=([graphiql]=$graphiql_version [react]=$react_version [react-dom]=$react_version)

(cd "$work" && npm pack --json --silent "graphiql@$graphiql_version" "react@$react_version" "react-dom@$react_version" > packed.json)

rm -rf "$assets.new"
mkdir -p "$assets.new"
for name in graphiql react react-dom; do
  version=${versions[$name]}
  tarball="$work/$name-$version.tgz"
  mkdir -p "$work/$name"
  tar -xzf "$tarball" -C "$work/$name"
  folder="$assets.new/$name-$version"
  mkdir -p "$folder"
  for file in ${files[$name]}; do
    if [[ ! -f "$work/$name/package/$file" ]]; then
      echo "$name@$version has no $file: the IDE page loads that file (graphiql 4+ and React 19 have no UMD build)" >&2
      exit 1
    fi
    cp "$work/$name/package/$file" "$folder/$(basename "$file")"
  done
  licence=$(ls "$work/$name/package" | grep -iE '^licen[cs]e' | head -1 || true)
  if [[ -z "$licence" ]]; then
    echo "$name@$version ships no LICENSE file; refusing to serve it without its licence" >&2
    exit 1
  fi
  cp "$work/$name/package/$licence" "$folder/LICENSE"
done

# The record: what each folder holds and where it came from, from npm's own report of the tarballs.
node - "$work" "$assets.new" <<'JS'
const fs = require('fs');
const [work, assets] = process.argv.slice(2);
const packed = JSON.parse(fs.readFileSync(`${work}/packed.json`, 'utf8'));
const record = {
  note: 'Written by scripts/update-graphiql.sh from the npm registry; do not edit by hand.',
  packages: packed.map(p => {
    const manifest = JSON.parse(fs.readFileSync(`${work}/${p.name}/package/package.json`, 'utf8'));
    return {
      name: p.name,
      version: p.version,
      license: manifest.license,
      tarball: `https://registry.npmjs.org/${p.name}/-/${p.filename}`,
      integrity: p.integrity,
      folder: `${p.name}-${p.version}`,
      files: fs.readdirSync(`${assets}/${p.name}-${p.version}`).sort(),
      peerDependencies: manifest.peerDependencies,
    };
  }),
};
fs.writeFileSync(`${assets}/packages.json`, JSON.stringify(record, null, 2) + '\n');
JS

rm -rf "$assets"
mv "$assets.new" "$assets"
echo "Updated $assets:"
(cd "$assets" && find . -type f | sort | sed 's/^\.\//  /')
