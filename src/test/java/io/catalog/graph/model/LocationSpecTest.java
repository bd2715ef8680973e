package io.catalog.graph.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationSpecTest {

    @Nested
    class Parse {

        @Test
        void splitsTypeAndTargetAtTheFirstColon() {
            LocationSpec spec = LocationSpec.parse("url:https://github.com/acme/repo/blob/main/catalog-info.yaml");

            assertThat(spec.type()).isEqualTo("url");
            assertThat(spec.target()).isEqualTo("https://github.com/acme/repo/blob/main/catalog-info.yaml");
            assertThat(spec).hasToString("url:https://github.com/acme/repo/blob/main/catalog-info.yaml");
        }

        @Test
        void typeIsCaseInsensitiveAndSurroundingWhitespaceIsIgnored() {
            LocationSpec spec = LocationSpec.parse(" URL : https://example.com/catalog-info.yaml ");

            assertThat(spec.type()).isEqualTo("url");
            assertThat(spec.target()).isEqualTo("https://example.com/catalog-info.yaml");
        }

        @ParameterizedTest
        @ValueSource(strings = {"catalog-info.yaml", ":catalog-info.yaml", "url:", "url:   "})
        void withoutATypeOrATargetIsRejected(String text) {
            assertThatThrownBy(() -> LocationSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyFileAndUrlAreSupported() {
            assertThatThrownBy(() -> LocationSpec.parse("github:acme/repo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsupported location type 'github'");
        }
    }

    @Nested
    class FileTargets {

        @Test
        void becomeAbsoluteAndNormalised() {
            LocationSpec spec = LocationSpec.parse("file:./catalog/../ingest/./catalog-info.yaml");

            Path expected = Path.of("ingest", "catalog-info.yaml").toAbsolutePath().normalize();
            assertThat(spec.target()).isEqualTo(expected.toString());
            assertThat(Path.of(spec.target()).isAbsolute()).isTrue();
        }

        @Test
        void theSameFileWrittenTwoWaysIsTheSameLocation() {
            assertThat(LocationSpec.parse("file:/srv/catalog/a/../catalog-info.yaml"))
                    .isEqualTo(LocationSpec.parse("file:/srv/catalog/./catalog-info.yaml"));
        }

        @Test
        void resolveRelativeTargetsAgainstTheFolderOfTheDescriptor() {
            LocationSpec descriptor = LocationSpec.parse("file:/srv/catalog/systems/catalog-info.yaml");

            assertThat(descriptor.resolve(null, "./orders/catalog-info.yaml").target())
                    .isEqualTo("/srv/catalog/systems/orders/catalog-info.yaml");
            assertThat(descriptor.resolve("", "../org/groups.yaml").target()).isEqualTo("/srv/catalog/org/groups.yaml");
            assertThat(descriptor.resolve("file", "users.yaml").target()).isEqualTo("/srv/catalog/systems/users.yaml");
            assertThat(descriptor.resolve("FILE", "users.yaml").type()).isEqualTo("file");
        }

        @Test
        void resolveKeepsAbsoluteTargets() {
            LocationSpec descriptor = LocationSpec.parse("file:/srv/catalog/catalog-info.yaml");

            assertThat(descriptor.resolve(null, "/opt/other/catalog-info.yaml").target()).isEqualTo("/opt/other/catalog-info.yaml");
        }

        @Test
        void directoryIsTheFolderOfTheDescriptorWithATrailingSlash() {
            assertThat(LocationSpec.parse("file:/srv/catalog/systems/catalog-info.yaml").directory()).isEqualTo("/srv/catalog/systems/");
        }
    }

    @Nested
    class UrlTargets {

        @Test
        void areNormalised() {
            assertThat(LocationSpec.parse("url:https://example.com/repo/./docs/../catalog-info.yaml").target())
                    .isEqualTo("https://example.com/repo/catalog-info.yaml");
        }

        @Test
        void keepTheQueryString() {
            assertThat(LocationSpec.parse("url:https://example.com/raw/catalog-info.yaml?ref=main").target())
                    .isEqualTo("https://example.com/raw/catalog-info.yaml?ref=main");
        }

        @Test
        void httpAndHttpsAreAccepted() {
            assertThat(LocationSpec.parse("url:http://localhost:8080/catalog-info.yaml").target())
                    .isEqualTo("http://localhost:8080/catalog-info.yaml");
            assertThat(LocationSpec.parse("url:HTTPS://example.com/catalog-info.yaml").type()).isEqualTo("url");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "url:file:///etc/passwd",
                "url:ftp://example.com/catalog-info.yaml",
                "url:jar:file:/app.jar!/catalog-info.yaml",
                "url:/catalog-info.yaml",
                "url:example.com/catalog-info.yaml",
                "url:https:///catalog-info.yaml"})
        void otherThanAbsoluteHttpOrHttpsAreRejected(String text) {
            assertThatThrownBy(() -> LocationSpec.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("url location target");
        }

        @Test
        void thatAreNotUrlsAtAllAreRejected() {
            assertThatThrownBy(() -> LocationSpec.parse("url:https://example.com/a b.yaml"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a valid URL");
        }

        @Test
        void resolveRelativeTargetsAgainstTheFolderOfTheDescriptor() {
            LocationSpec descriptor = LocationSpec.parse("url:https://example.com/repo/systems/catalog-info.yaml");

            assertThat(descriptor.resolve(null, "./orders/catalog-info.yaml").target())
                    .isEqualTo("https://example.com/repo/systems/orders/catalog-info.yaml");
            assertThat(descriptor.resolve("url", "../org/groups.yaml").target())
                    .isEqualTo("https://example.com/repo/org/groups.yaml");
            assertThat(descriptor.resolve(null, "/root.yaml").target()).isEqualTo("https://example.com/root.yaml");
            assertThat(descriptor.resolve(null, "https://other.example.com/x.yaml").target())
                    .isEqualTo("https://other.example.com/x.yaml");
        }

        @Test
        void resolveToAnotherSchemeIsStillRejected() {
            LocationSpec descriptor = LocationSpec.parse("url:https://example.com/repo/catalog-info.yaml");

            assertThatThrownBy(() -> descriptor.resolve(null, "file:///etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void directoryIsTheUrlOfTheFolder() {
            assertThat(LocationSpec.parse("url:https://example.com/repo/systems/catalog-info.yaml?ref=main").directory())
                    .isEqualTo("https://example.com/repo/systems/");
        }
    }

    @Nested
    class ResolveToAnotherType {

        @Test
        void takesTheTargetAsItIsWhenTheTypeDiffers() {
            LocationSpec descriptor = LocationSpec.parse("file:/srv/catalog/catalog-info.yaml");

            LocationSpec resolved = descriptor.resolve("url", "https://example.com/repo/catalog-info.yaml");

            assertThat(resolved).isEqualTo(new LocationSpec("url", "https://example.com/repo/catalog-info.yaml"));
        }

        @Test
        void fromAUrlToAFileDoesNotResolveAgainstTheUrl() {
            LocationSpec descriptor = LocationSpec.parse("url:https://example.com/repo/catalog-info.yaml");

            LocationSpec resolved = descriptor.resolve("file", "/srv/catalog/catalog-info.yaml");

            assertThat(resolved).isEqualTo(new LocationSpec("file", "/srv/catalog/catalog-info.yaml"));
        }

        @Test
        void toAnUnsupportedTypeIsRejected() {
            LocationSpec descriptor = LocationSpec.parse("file:/srv/catalog/catalog-info.yaml");

            assertThatThrownBy(() -> descriptor.resolve("github", "acme/repo")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
