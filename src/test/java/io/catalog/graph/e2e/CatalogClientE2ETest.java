package io.catalog.graph.e2e;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.group;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Runs {@code src/test/e2e/catalog-client.test.mjs}: Backstage's own {@code @backstage/catalog-client}, every method
 * of it, against this test server with the example catalog loaded. Needs Node 20+ and npm on the PATH; without them
 * the test fails rather than skips, since the check it stands for would silently be gone.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class CatalogClientE2ETest {

    static final Path E2E_DIR = Path.of("src/test/e2e").toAbsolutePath();
    static final Path EXAMPLE_ROOT = Path.of("ingest/example/catalog-info.yaml").toAbsolutePath();
    static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    static final Duration NODE_TEST_TIMEOUT = Duration.ofMinutes(5);

    @TestHTTPResource("/")
    URL server;

    @Test
    void backstageCatalogClientWorksAgainstTheCatalog() {
        awaitExampleCatalog();
        Workspace workspace = Workspace.create("e2e");
        writeFixtures(workspace);

        String node = version("node");
        String npm = version("npm");
        System.out.println("[e2e] node " + node + ", npm " + npm + ", server " + server);
        assertThat(Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0])).as("Node major version (" + node + ")").isGreaterThanOrEqualTo(20);

        if (needsInstall()) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_TIMEOUT);
            if (install.exitCode() != 0) {
                fail("npm ci failed in " + E2E_DIR + " (exit " + install.exitCode() + "):\n" + install.output());
            }
        }

        String baseUrl = "http://localhost:" + server.getPort();
        Result tests = run(List.of("node", "--test", "--test-reporter=spec", "catalog-client.test.mjs"), Map.of(
                "CATALOG_BASE_URL", baseUrl,
                "CATALOG_TOKEN", CatalogTestResource.WRITER_TOKEN,
                "E2E_WORKSPACE", workspace.root().toString(),
                "EXAMPLE_LOCATION", "file:" + EXAMPLE_ROOT), NODE_TEST_TIMEOUT);
        if (tests.exitCode() != 0) {
            fail("the catalog-client end-to-end tests failed (exit " + tests.exitCode() + "; full output above):\n" + failures(tests.output()));
        }
    }

    /** The spec reporter's closing summary of the failed tests, or everything when there is none (a crash). */
    private static String failures(String output) {
        int summary = output.lastIndexOf("failing tests:");
        return summary < 0 ? output : output.substring(output.lastIndexOf('\n', summary) + 1);
    }

    /** The whole example catalog is stored and every one of its locations was read (as ExampleCatalogTest waits). */
    private static void awaitExampleCatalog() {
        String origin = "file:" + EXAMPLE_ROOT;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Object> entities = given().queryParam("filter", "metadata.annotations.backstage.io/managed-by-origin-location=" + origin)
                    .queryParam("fields", "kind").get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("$");
            List<Map<String, Object>> locations = given().get("/api/admin/locations").then().statusCode(200).extract().jsonPath().getList("$");
            List<Map<String, Object>> example = locations.stream().filter(l -> origin.equals(l.get("origin"))).toList();
            return entities.size() == 80 && !example.isEmpty() && example.stream().allMatch(l -> "ok".equals(l.get("status")));
        });
    }

    /** The descriptors the Node tests register, one folder per test; e2e-* names keep them apart from other tests. */
    private static void writeFixtures(Workspace ws) {
        ws.write("dry-run/catalog-info.yaml", documents(group("e2e-dry-team"), component("e2e-dry-service", "e2e-dry-team")));
        ws.write("register/catalog-info.yaml", documents(location("e2e-register-root", "./more.yaml"), group("e2e-register-team"),
                component("e2e-register-service", "e2e-register-team")));
        ws.write("register/more.yaml", component("e2e-register-nested", "e2e-register-team"));
        ws.write("entity-ref/catalog-info.yaml", component("e2e-entity-ref", "e2e-team"));
        ws.write("conflict/catalog-info.yaml", component("e2e-conflict", "e2e-team"));
        ws.write("on-conflict/catalog-info.yaml", component("e2e-on-conflict", "e2e-before"));
        ws.write("update/first.yaml", component("e2e-update-first", "e2e-team"));
        ws.write("update/second.yaml", component("e2e-update-second", "e2e-team"));
        for (String name : List.of("a", "b", "c")) {
            ws.write("query-locations/" + name + ".yaml", component("e2e-query-location-" + name, "e2e-team"));
            ws.write("stream-locations/" + name + ".yaml", component("e2e-stream-location-" + name, "e2e-team"));
        }
        ws.write("analyze/catalog-info.yaml", component("e2e-analyzed", "e2e-team"));
        ws.write("analyze-custom/service-info.yaml", component("e2e-analyzed-custom", "e2e-team"));
        ws.write("analyze-empty/README.md", "A repository without a catalog descriptor.\n");
        ws.write("refresh/catalog-info.yaml", component("e2e-refresh-service", "e2e-team-before"));
        ws.write("remove/catalog-info.yaml", component("e2e-removable", "e2e-team"));
    }

    /** npm ci when node_modules is missing or older than package-lock.json (npm's own record of the install). */
    private static boolean needsInstall() {
        Path installed = E2E_DIR.resolve("node_modules/.package-lock.json");
        try {
            return !Files.exists(installed)
                    || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(E2E_DIR.resolve("package-lock.json"))) < 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version(String tool) {
        Result result;
        try {
            result = run(List.of(tool, "--version"), Map.of(), Duration.ofSeconds(30));
        } catch (UncheckedIOException e) {
            throw new AssertionError(tool + " is not installed or not on the PATH: the catalog-client end-to-end tests need Node 20+"
                    + " and npm (CI has them; locally e.g. apt-get install nodejs npm)", e);
        }
        if (result.exitCode() != 0) {
            fail(tool + " --version failed (exit " + result.exitCode() + "):\n" + result.output());
        }
        return result.output().strip();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command in src/test/e2e, echoing its output (stdout and stderr) as it comes, and returns it. */
    private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(E2E_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        StringBuffer output = new StringBuffer();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println(line);
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("[output stopped: ").append(e).append("]\n");
            }
        }, "e2e-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                pump.join(Duration.ofSeconds(5).toMillis());
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
            }
            pump.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        return new Result(process.exitValue(), output.toString());
    }

    private static String location(String name, String target) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata:
                  name: %s
                spec:
                  target: %s
                """.formatted(name, target);
    }

    private static String documents(String... documents) {
        return String.join("---\n", documents);
    }
}
