#!/usr/bin/env bash
# Vendor the NL Design System "Utrecht" component CSS (white-label, no theme)
# into src/regie/core/static/vendor/utrecht/.
#
# Developers run this by hand to update the vendored copy; the install and CI
# never run it. It needs `npm`, `node` and `tar`, and only talks to the npm
# registry through npm itself.
#
# Usage:
#   scripts/vendor-utrecht.sh                    # re-vendor the pinned version
#   UTRECHT_VERSION=9.1.0 UTRECHT_INTEGRITY= scripts/vendor-utrecht.sh
#                                                # try another version (the
#                                                # integrity check is skipped
#                                                # when UTRECHT_INTEGRITY is empty)
# After a bump: update the pins below, review the diff, check theme.css still
# sets the tokens the components read, and commit.
set -euo pipefail

PACKAGE="@utrecht/component-library-css"
PINNED_VERSION="9.0.4"
PINNED_INTEGRITY="sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA=="
EXPECTED_LICENSE="EUPL-1.2"

VERSION="${UTRECHT_VERSION:-$PINNED_VERSION}"
if [[ "$VERSION" == "$PINNED_VERSION" ]]; then
    INTEGRITY="${UTRECHT_INTEGRITY-$PINNED_INTEGRITY}"
else
    INTEGRITY="${UTRECHT_INTEGRITY-}"
fi
VENDOR_DATE="${VENDOR_DATE:-$(date -u +%Y-%m-%d)}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DEST="$REPO_ROOT/src/regie/core/static/vendor/utrecht"

for tool in npm node tar; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' is required" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor-utrecht.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "Fetching $PACKAGE@$VERSION from the npm registry ..."
# `npm pack` downloads exactly the published tarball (npm checks it against the
# registry's integrity hash) and runs no install scripts.
(cd "$WORK" && npm pack --ignore-scripts --json --pack-destination "$WORK" \
    "$PACKAGE@$VERSION" >"$WORK/pack.json")

read_pack_field() {
    node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
             process.stdout.write(String(p[process.argv[2]]));' "$WORK/pack.json" "$1"
}
TARBALL="$WORK/$(read_pack_field filename)"
GOT_INTEGRITY="$(read_pack_field integrity)"
GOT_VERSION="$(read_pack_field version)"

if [[ "$GOT_VERSION" != "$VERSION" ]]; then
    echo "error: asked for $VERSION but npm returned $GOT_VERSION" >&2
    exit 1
fi
if [[ -n "$INTEGRITY" && "$GOT_INTEGRITY" != "$INTEGRITY" ]]; then
    echo "error: integrity mismatch for $PACKAGE@$VERSION" >&2
    echo "  expected: $INTEGRITY" >&2
    echo "  got:      $GOT_INTEGRITY" >&2
    exit 1
fi

mkdir -p "$WORK/pkg"
tar -xzf "$TARBALL" -C "$WORK/pkg"
PKG="$WORK/pkg/package"

GOT_LICENSE="$(node -e 'process.stdout.write(String(require(process.argv[1]).license))' "$PKG/package.json")"
if [[ "$GOT_LICENSE" != "$EXPECTED_LICENSE" ]]; then
    echo "error: $PACKAGE@$VERSION is licensed '$GOT_LICENSE', expected '$EXPECTED_LICENSE'" >&2
    exit 1
fi
for f in dist/index.css LICENSE.md; do
    [[ -s "$PKG/$f" ]] || { echo "error: $PACKAGE@$VERSION has no $f" >&2; exit 1; }
done
# The component CSS must not pull anything in from elsewhere at run time.
if grep -Eq '@import|url\((["'\'']?)(https?:|//)' "$PKG/dist/index.css"; then
    echo "error: dist/index.css imports or references remote resources" >&2
    exit 1
fi

mkdir -p "$DEST"
cp "$PKG/dist/index.css" "$DEST/utrecht-components.css"
cp "$PKG/LICENSE.md" "$DEST/LICENSE"
CSS_SHA256="$(sha256sum "$DEST/utrecht-components.css" | cut -d' ' -f1)"

cat >"$DEST/README.md" <<EOF
# Vendored: NL Design System "Utrecht" component CSS

| | |
| --- | --- |
| Package | \`$PACKAGE\` |
| Version | $VERSION |
| Licence | $GOT_LICENSE (full text in \`LICENSE\`) |
| Vendored on | $VENDOR_DATE |
| npm integrity | \`$GOT_INTEGRITY\` |
| sha256 of \`utrecht-components.css\` | \`$CSS_SHA256\` |

## Files

- \`utrecht-components.css\`: the package's built \`dist/index.css\`, copied
  unchanged. It is the white-label component library (BEM classes such as
  \`utrecht-button\`, \`utrecht-form-field\`); it contains no theme and no
  remote references. The look comes from the design tokens (CSS custom
  properties) set by Regie's own theme, \`regie/theme.css\` (class
  \`regie-theme\`). Utrecht's municipal theme (\`@utrecht/design-tokens\`,
  Utrecht's brand) is deliberately not vendored.
- \`LICENSE\`: the package's \`LICENSE.md\` (European Union Public Licence 1.2).

## How it was obtained

With the ordinary npm client from the npm registry, by
\`scripts/vendor-utrecht.sh\`: \`npm pack --ignore-scripts
$PACKAGE@$VERSION\` into a temporary directory, integrity and licence
checked, then the two files above copied here. Do not edit these files by
hand: bump the pinned version in the script and run it again.
EOF

echo "Vendored $PACKAGE@$VERSION into ${DEST#"$REPO_ROOT"/}"
echo "  utrecht-components.css  sha256 $CSS_SHA256"
