package io.catalog.graph.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalog.graph.ingest.ReadPolicy;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** Defaults that are security decisions: a change to one must be deliberate, so a test names it. */
class CatalogConfigDefaultsTest {

    @Test
    void outboundReadsGoToPublicAddressesOnlyUnlessTheOperatorListsMore() throws Exception {
        WithDefault allowedHosts = CatalogConfig.Reading.class.getMethod("allowedHosts").getAnnotation(WithDefault.class);

        assertThat(allowedHosts.value()).isEqualTo(ReadPolicy.ANY_PUBLIC_HOST);
    }
}
