package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Enforces {@link Access} on every resource method. It runs after routing, on the method the request reached, so
 * the check and the router can never disagree about what a path means ({@code //}, {@code ./}, a trailing slash or
 * percent-encoded letters lead to the same method and the same check).
 *
 * <p>Created at start-up: a blank token in the configuration stops the start instead of changing who may write.
 */
@ApplicationScoped
public class AccessFilter {

    private final AccessPolicy policy;

    public AccessFilter(CatalogConfig catalog, Config config) {
        requireNoBlankEntries(config, "catalog.auth.tokens");
        requireNoBlankEntries(config, "catalog.argocd.token");
        this.policy = new AccessPolicy(catalog.auth().tokens().orElse(List.of()), catalog.argocd().token(),
                catalog.auth().openWrites(), catalog.auth().protectReads());
    }

    /** Observing start-up creates the bean then, so a bad token configuration fails the start, not the first request. */
    void checkedAtStart(@Observes StartupEvent started) {
        // the constructor did the checking
    }

    @ServerRequestFilter
    public Optional<Response> check(ResourceInfo resource, HttpServerRequest request) {
        AccessPolicy.Decision decision = policy.decide(levelOf(resource.getResourceMethod(), resource.getResourceClass()),
                request.getHeader(HttpHeaders.AUTHORIZATION));
        String method = request.method().name();
        if (decision instanceof AccessPolicy.Unauthenticated missing) {
            return Optional.of(ApiError.response(401, "AuthenticationError", missing.reason(), method, request.uri()));
        }
        if (decision instanceof AccessPolicy.Refused refused) {
            return Optional.of(ApiError.response(403, "NotAllowedError", refused.reason(), method, request.uri()));
        }
        return Optional.empty();
    }

    /** The method's level, else its class's, else the strictest catalog level: an unannotated route stays closed. */
    static AccessLevel levelOf(Method method, Class<?> resourceClass) {
        Access access = method.getAnnotation(Access.class);
        if (access == null && resourceClass != null) {
            access = resourceClass.getAnnotation(Access.class);
        }
        return access == null ? AccessLevel.WRITE : access.value();
    }

    /**
     * SmallRye reads an empty value as "not set", so {@code CATALOG_AUTH_TOKENS=""} (a secret that did not arrive)
     * would look like no configuration at all: the raw value tells the two apart.
     */
    private static void requireNoBlankEntries(Config config, String key) {
        ConfigValue value = config.getConfigValue(key);
        if (value.getSourceName() == null || value.getRawValue() == null) {
            return;
        }
        if (Arrays.stream(value.getRawValue().split(",", -1)).anyMatch(String::isBlank)) {
            throw new IllegalStateException(key + " is set (in " + value.getSourceName() + ") but holds a blank token;"
                    + " give real tokens, or remove the key");
        }
    }
}
