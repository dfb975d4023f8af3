#!/usr/bin/env bash
# Starts a local Keycloak (no container needed) on http://localhost:8180 with the "sales" realm
# of k8s/keycloak/sales-realm.json: roles, clients and demo users. Ctrl-C stops it.
# Keycloak comes from Maven Central; it needs Java 21+ (JAVA_HOME, or the Temurin 25 JDK under /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=26.5.6
HOME_DIR=target/keycloak/keycloak-$VERSION
if [ ! -x "$HOME_DIR/bin/kc.sh" ]; then
  ./mvnw -B -q -ntp dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$VERSION:zip -DoutputDirectory=target/keycloak
  unzip -q -o target/keycloak/keycloak-quarkus-dist-$VERSION.zip -d target/keycloak
fi
mkdir -p "$HOME_DIR/data/import"
cp k8s/keycloak/sales-realm.json "$HOME_DIR/data/import/"

if [ -z "${KEYCLOAK_JAVA_HOME:-}" ]; then
  KEYCLOAK_JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]-* 2>/dev/null | head -n 1 || true)
fi
export JAVA_HOME=${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}
export JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED"
export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-kcadmin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-kcadmin}
exec "$HOME_DIR/bin/kc.sh" start-dev --http-port 8180 --import-realm
