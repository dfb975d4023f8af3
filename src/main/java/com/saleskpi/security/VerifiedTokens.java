package com.saleskpi.security;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens verified once, not on every request: a field app or BI tool sends the same access token for minutes,
 * and checking its signature and claims cost about a quarter of a point read's CPU. The identity the OIDC provider
 * built for a token is kept, keyed by the tenant and the token's exact text, until the token's own expiry and never
 * longer than the configured time to live; each request gets it with its own routing context. A token the provider
 * refused is never kept, so it is checked (and refused) again every time. What this gives up: a signing key withdrawn
 * from the provider's key set stops tokens already seen only at their expiry or after the time to live.
 */
@Decorator
@Priority(10)
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private final IdentityProvider<TokenAuthenticationRequest> verifier;
    private final Cache<Key, SecurityIdentity> identities;
    private final Duration timeToLive;

    @Inject
    public VerifiedTokens(@Delegate IdentityProvider<TokenAuthenticationRequest> verifier, MeterRegistry registry, SecuritySettings settings) {
        this.verifier = verifier;
        this.timeToLive = settings.verifiedTokens().timeToLive();
        this.identities = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder().maximumSize(settings.verifiedTokens().maxSize())
                .expireAfter(Expiry.<Key, SecurityIdentity>creating((key, identity) -> lifetime(identity)))
                .recordStats().build(), "verified_tokens");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return verifier.getRequestType();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        Key key = key(request, routing);
        if (key == null) {
            return verifier.authenticate(request, context);
        }
        SecurityIdentity known = identities.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(forRequest(known, routing));
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && !lifetime(identity).isZero()) {
                identities.put(key, identity);
            }
        });
    }

    /**
     * Only a bearer access token, on a request whose OIDC tenant is known (the routing context's attribute Quarkus OIDC
     * sets when it resolves the tenant), is kept: a code flow's tokens are not.
     */
    private static Key key(TokenAuthenticationRequest request, RoutingContext routing) {
        if (routing == null || request.getToken().getClass() != AccessTokenCredential.class
                || ((AccessTokenCredential) request.getToken()).getRefreshToken() != null
                || !(routing.get(OidcUtils.TENANT_ID_ATTRIBUTE) instanceof String tenant)) {
            return null;
        }
        return new Key(tenant, request.getToken().getToken());
    }

    /**
     * A token of a tenant. Each request brings the token as a new string, so String's own hash (of about 1,300
     * characters) was computed on every lookup; the last characters of a JWT are its signature, which spreads keys as
     * well. Equality still compares the whole token.
     */
    private record Key(String tenant, String token) {
        private static final int HASHED_CHARACTERS = 32;

        @Override
        public int hashCode() {
            int hash = tenant.hashCode();
            for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && tenant.equals(key.tenant) && token.equals(key.token);
        }
    }

    /** Until the token expires, at most the time to live; zero (not kept) for a token without an expiry. */
    private Duration lifetime(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0) {
            return Duration.ZERO;
        }
        Duration left = Duration.ofSeconds(token.getExpirationTime()).minusMillis(System.currentTimeMillis());
        return left.isNegative() ? Duration.ZERO : left.compareTo(timeToLive) < 0 ? left : timeToLive;
    }

    /** The kept identity, with the attributes that belong to the request at hand rather than the one that verified it. */
    private static SecurityIdentity forRequest(SecurityIdentity known, RoutingContext routing) {
        return QuarkusSecurityIdentity.builder(known)
                .addAttribute(RoutingContext.class.getName(), routing)
                .addAttribute(AuthenticationRequestContext.class.getName(), routing.get(AuthenticationRequestContext.class.getName()))
                .build();
    }
}
