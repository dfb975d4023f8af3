package com.saleskpi.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Every @QuarkusTest runs against its own fresh database and an in-process OIDC issuer that signs real tokens. */
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
