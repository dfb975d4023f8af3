package com.saleskpi.common.crud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key bookkeeping (table idempotency_record), always inside the caller's transaction.
 * Keys are per caller and live for {@value #TTL_HOURS} hours.
 */
public final class IdempotencyKeys {

    static final int TTL_HOURS = 24;
    /** The SQL condition that an idempotency_record row has outlived its key: used by claims and by the periodic purge. */
    public static final String EXPIRED = "created_at < now() - interval '" + TTL_HOURS + " hours'";
    static final int MAX_KEY_LENGTH = 255;

    public record Stored(JsonNode body) {
    }

    private IdempotencyKeys() {
    }

    public static String hash(ObjectMapper mapper, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    /** True when this request owns the key; false when an earlier request (committed, or in flight and now done) does. */
    public static Uni<Boolean> claim(String caller, String key, String hash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidParameter("Idempotency-Key", "must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from idempotency_record where caller = ?1 and key = ?2 and " + EXPIRED)
                .setParameter(1, caller).setParameter(2, key).executeUpdate()
                .chain(() -> session.createNativeQuery("insert into idempotency_record (caller, key, request_hash) values (?1, ?2, ?3)"
                        + " on conflict do nothing")
                        .setParameter(1, caller).setParameter(2, key).setParameter(3, hash).executeUpdate()))
                .map(inserted -> inserted == 1);
    }

    /** Stores the response (status, Location if any, body) that a retry with the key will get again. */
    public static Uni<Void> remember(String caller, String key, int status, String location, String body) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "update idempotency_record set status = ?3, location = ?4, body = ?5 where caller = ?1 and key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, status).setParameter(4, location).setParameter(5, body)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Gives up a claimed key whose request failed, so that the key stays unused. */
    public static Uni<Void> release(String caller, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from idempotency_record where caller = ?1 and key = ?2 and body is null")
                .setParameter(1, caller).setParameter(2, key).executeUpdate())
                .replaceWithVoid();
    }

    /** An answer, and whether it is the stored answer to an earlier request with the same key. */
    public record Outcome<T>(T answer, boolean replayed) {

        /** The answer to a create: 201 where it is and at which version, and Idempotent-Replayed when it is a replay. */
        public org.jboss.resteasy.reactive.RestResponse<T> created(java.net.URI location, String version) {
            var response = org.jboss.resteasy.reactive.RestResponse.ResponseBuilder.<T>created(location).entity(answer)
                    .tag(new jakarta.ws.rs.core.EntityTag(version));
            return (replayed ? response.header("Idempotent-Replayed", "true") : response).build();
        }
    }

    /**
     * Inside the caller's transaction: creates once per caller and key (the answer kept for a retry), or answers a retry
     * with what the first request answered; without a key, simply creates.
     */
    public static <T> Uni<Outcome<T>> once(String caller, String key, Object request, ObjectMapper mapper, Class<T> type,
            java.util.function.Function<T, String> location, java.util.function.Supplier<Uni<T>> create) {
        if (key == null) {
            return Uni.createFrom().deferred(create::get).map(created -> new Outcome<>(created, false));
        }
        String hash = hash(mapper, request);
        return claim(caller, key, hash).chain(claimed -> claimed
                ? Uni.createFrom().deferred(create::get).call(created -> remember(caller, key, 201, location.apply(created),
                        mapper.valueToTree(created).toString())).map(created -> new Outcome<>(created, false))
                : replay(caller, key, hash, mapper).map(stored -> {
                    try {
                        return new Outcome<>(mapper.treeToValue(stored.body(), type), true);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("A stored answer of another shape", e);
                    }
                }));
    }

    public static Uni<Stored> replay(String caller, String key, String hash, ObjectMapper mapper) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select request_hash, body from idempotency_record where caller = ?1 and key = ?2", Object[].class)
                .setParameter(1, caller).setParameter(2, key).getSingleResult())
                .map(row -> {
                    if (!hash.equals(row[0].toString().trim())) {
                        throw new ProblemException(ProblemType.VALIDATION_FAILED, "This Idempotency-Key was already used for a different"
                                + " request body; use a new key for a new request");
                    }
                    if (row[1] == null) {
                        throw new ProblemException(ProblemType.CONFLICT, "The first request with this Idempotency-Key is still being"
                                + " processed; retry in a moment");
                    }
                    try {
                        return new Stored(mapper.readTree(row[1].toString()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Stored response is not JSON", e);
                    }
                });
    }
}
