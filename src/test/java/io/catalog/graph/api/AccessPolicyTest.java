package io.catalog.graph.api;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {

    private static final AccessPolicy PRODUCTION = new AccessPolicy(List.of("writer-1", "writer-2"), Optional.of("argo"), false, false);

    @Nested
    class Writes {
        @Test
        void needABearerToken() {
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, null)).isInstanceOf(AccessPolicy.Unauthenticated.class);
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, "Basic d3JpdGVyLTE6")).isInstanceOf(AccessPolicy.Unauthenticated.class);
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, "Bearer ")).isInstanceOf(AccessPolicy.Unauthenticated.class);
        }

        @Test
        void acceptAnyConfiguredCatalogTokenWithTheSchemeInAnyCase() {
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, "Bearer writer-1")).isInstanceOf(AccessPolicy.Allowed.class);
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, "bearer writer-2")).isInstanceOf(AccessPolicy.Allowed.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer writer", "Bearer writer-1x", "Bearer WRITER-1", "Bearer argo"})
        void refuseEveryOtherToken(String header) {
            assertThat(PRODUCTION.decide(AccessLevel.WRITE, header)).isInstanceOf(AccessPolicy.Refused.class);
        }

        @Test
        void areOpenOnlyWhenLocalModeOpensThem() {
            AccessPolicy local = new AccessPolicy(List.of(), Optional.empty(), true, false);
            assertThat(local.decide(AccessLevel.WRITE, null)).isInstanceOf(AccessPolicy.Allowed.class);
            AccessPolicy noTokens = new AccessPolicy(List.of(), Optional.empty(), false, false);
            assertThat(noTokens.decide(AccessLevel.WRITE, "Bearer anything")).isInstanceOf(AccessPolicy.Refused.class);
        }
    }

    @Nested
    class Reads {
        @Test
        void areOpenUnlessProtected() {
            assertThat(PRODUCTION.decide(AccessLevel.READ, null)).isInstanceOf(AccessPolicy.Allowed.class);
            AccessPolicy protectedReads = new AccessPolicy(List.of("writer-1"), Optional.empty(), false, true);
            assertThat(protectedReads.decide(AccessLevel.READ, null)).isInstanceOf(AccessPolicy.Unauthenticated.class);
            assertThat(protectedReads.decide(AccessLevel.READ, "Bearer nope")).isInstanceOf(AccessPolicy.Refused.class);
            assertThat(protectedReads.decide(AccessLevel.READ, "Bearer writer-1")).isInstanceOf(AccessPolicy.Allowed.class);
        }

        @Test
        void stayProtectedInLocalModeWhenAsked() {
            AccessPolicy local = new AccessPolicy(List.of("writer-1"), Optional.empty(), true, true);
            assertThat(local.decide(AccessLevel.READ, null)).isInstanceOf(AccessPolicy.Unauthenticated.class);
        }
    }

    @Nested
    class PluginGenerator {
        @Test
        void takesOnlyItsOwnTokenEvenWhenWritesAreOpen() {
            AccessPolicy local = new AccessPolicy(List.of("writer-1"), Optional.of("argo"), true, false);
            assertThat(local.decide(AccessLevel.ARGOCD, null)).isInstanceOf(AccessPolicy.Unauthenticated.class);
            assertThat(local.decide(AccessLevel.ARGOCD, "Bearer writer-1")).isInstanceOf(AccessPolicy.Refused.class);
            assertThat(local.decide(AccessLevel.ARGOCD, "Bearer argo")).isInstanceOf(AccessPolicy.Allowed.class);
        }

        @Test
        void refusesEveryoneWhenNoTokenIsConfigured() {
            AccessPolicy none = new AccessPolicy(List.of("writer-1"), Optional.empty(), false, false);
            assertThat(none.decide(AccessLevel.ARGOCD, "Bearer writer-1"))
                    .isEqualTo(new AccessPolicy.Refused("no token is configured for the plugin generator (catalog.argocd.token)"));
        }
    }

    @Test
    void gitHubDeliveriesPassWithoutABearerTokenEvenWithReadsProtected() {
        // the resource verifies the delivery's signature; the token check has nothing to add (GitHub sends none)
        AccessPolicy strict = new AccessPolicy(List.of("writer-1"), Optional.of("argo"), false, true);
        assertThat(strict.decide(AccessLevel.GITHUB_SIGNATURE, null)).isInstanceOf(AccessPolicy.Allowed.class);
        assertThat(strict.decide(AccessLevel.GITHUB_SIGNATURE, "Bearer not-a-token")).isInstanceOf(AccessPolicy.Allowed.class);
    }

    @Test
    void aBlankConfiguredTokenStopsTheStart() {
        assertThatThrownBy(() -> new AccessPolicy(List.of("writer-1", " "), Optional.empty(), false, false))
                .hasMessageContaining("catalog.auth.tokens");
        assertThatThrownBy(() -> new AccessPolicy(List.of(), Optional.of(""), false, false))
                .hasMessageContaining("catalog.argocd.token");
    }
}
