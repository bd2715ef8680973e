package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class AccessFilterTest {

    @Test
    void everyRouteDeclaresWhoMayCallItAndOnlyTheseChangeOrFetch() throws Exception {
        List<Route> routes = routes();
        assertThat(routes).hasSizeGreaterThan(15);
        assertThat(routes).allSatisfy(route -> assertThat(route.declared()).as(route.route() + " declares @Access").isTrue());
        Map<String, AccessLevel> notReads = new TreeMap<>();
        routes.stream().filter(r -> r.level() != AccessLevel.READ).forEach(r -> notReads.put(r.route(), r.level()));
        assertThat(notReads).containsOnly(
                entry("POST /api/catalog/locations", AccessLevel.WRITE), // registration and dry runs (which fetch)
                entry("PUT /api/catalog/locations/{id}", AccessLevel.WRITE),
                entry("DELETE /api/catalog/locations/{id}", AccessLevel.WRITE),
                entry("DELETE /api/catalog/entities/by-uid/{uid}", AccessLevel.WRITE),
                entry("POST /api/catalog/refresh", AccessLevel.WRITE),
                entry("POST /api/catalog/analyze-location", AccessLevel.WRITE),
                entry("POST /api/admin/locations/prune-configured", AccessLevel.WRITE),
                entry("POST /api/admin/providers/{id}/scan", AccessLevel.WRITE), // spends the provider's GitHub budget
                entry("POST /api/graph/rebuild", AccessLevel.WRITE), // clears and refills the graph
                entry("POST /api/v1/getparams.execute", AccessLevel.ARGOCD),
                // signed by GitHub, checked by the resource (GitHubWebhookTest)
                entry("POST /api/github/webhook", AccessLevel.GITHUB_SIGNATURE),
                entry("POST /api/events/http/github", AccessLevel.GITHUB_SIGNATURE));
    }

    @Test
    void aRouteWithoutAnAnnotationIsAWriteRoute() throws Exception {
        Method unannotated = Undeclared.class.getDeclaredMethod("change");
        assertThat(AccessFilter.levelOf(unannotated, Undeclared.class)).isEqualTo(AccessLevel.WRITE);
    }

    @Test
    void aTokenVariableSetButBlankStopsTheStart() {
        assertThatThrownBy(() -> filterWith(Map.of("catalog.auth.tokens", "")))
                .hasMessageContaining("catalog.auth.tokens is set").hasMessageContaining("blank token");
        assertThatThrownBy(() -> filterWith(Map.of("catalog.auth.tokens", "good-token, ")))
                .hasMessageContaining("catalog.auth.tokens is set");
        assertThatThrownBy(() -> filterWith(Map.of("catalog.argocd.token", " ")))
                .hasMessageContaining("catalog.argocd.token is set");
        assertThat(filterWith(Map.of("catalog.auth.tokens", "good-token,other-token"))).isNotNull();
        assertThat(filterWith(Map.of())).isNotNull();
    }

    private static AccessFilter filterWith(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CatalogConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test.properties", 500)).build();
        return new AccessFilter(config.getConfigMapping(CatalogConfig.class), config);
    }

    static class Undeclared {
        @POST
        void change() {
        }
    }

    record Route(String route, AccessLevel level, boolean declared) {
    }

    /** Every resource method in the api package ("METHOD /path"), the level it gets, and whether it says so itself. */
    private static List<Route> routes() throws IOException, ClassNotFoundException, URISyntaxException {
        List<Route> routes = new ArrayList<>();
        // where the classes were built (target/, or the folder -Dbuild.dir names)
        java.nio.file.Path classes = Paths.get(AccessFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<java.nio.file.Path> files = Files.list(classes.resolve("io/catalog/graph/api"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Class<?> type = Class.forName("io.catalog.graph.api." + file.getFileName().toString().replace(".class", ""));
                Path base = type.getAnnotation(Path.class);
                for (Method method : base == null ? new Method[0] : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        routes.add(new Route(verb + " " + base.value() + (sub == null ? "" : sub.value()), AccessFilter.levelOf(method, type),
                                method.isAnnotationPresent(Access.class) || type.isAnnotationPresent(Access.class)));
                    }
                }
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getSimpleName();
            }
        }
        return null;
    }
}
