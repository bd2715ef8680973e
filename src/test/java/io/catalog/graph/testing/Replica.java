package io.catalog.graph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * One instance of the packaged catalog ({@code target/quarkus-app}, built by {@code package}) in a process of its own,
 * as a replica runs: its settings are system properties, its output a log file in its own working folder.
 */
public final class Replica implements AutoCloseable {

    /** The packaged application; the build passes its path (failsafe runs after {@code package}). */
    private static final Path JAR = Path.of(System.getProperty("replica.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final String token;
    /** Quarkus' start-up line; the port is chosen by the OS (a port picked here could be taken before it binds). */
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");

    private final Path log;
    private final Process process;
    private volatile URI base;

    private Replica(String name, String token, Path log, Process process) {
        this.name = name;
        this.token = token;
        this.log = log;
        this.process = process;
    }

    /**
     * Launches an instance named {@code name} with {@code settings} (configuration keys), a free HTTP port, and
     * {@code token} as its only write token; returns at once (see {@link #awaitReady}).
     */
    public static Replica launch(String name, String token, String heap, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: replicas run the packaged application (./mvnw package)");
        }
        try {
            Path folder = Files.createTempDirectory("catalog-replica-" + name);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-Dquarkus.http.port=0", "-Dcatalog.instance-name=" + name,
                    "-Dcatalog.auth.tokens=" + token,
                    // pg_stat_activity then says which replica a connection (and the advisory lock it holds) belongs to
                    "-Dquarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName=" + name));
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            Path log = folder.resolve("replica.log");
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Replica(name, token, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch replica " + name, e);
        }
    }

    /** Waits until the instance answers ready ({@code /q/health/ready}); fails with its log if it died first. */
    public Replica awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("replica " + name + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (base == null) {
                Matcher listening = LISTENING.matcher(log());
                if (!listening.find()) {
                    return false;
                }
                base = URI.create("http://127.0.0.1:" + listening.group(1));
            }
            try {
                return get("/q/health/ready").statusCode() == 200;
            } catch (UncheckedIOException refused) {
                return false;
            }
        });
        return this;
    }

    public String name() {
        return name;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A JSON POST carrying the write token. */
    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Registers a file location, as {@code POST /api/catalog/locations} does for a user. */
    public void registerFile(Path target) {
        HttpResponse<String> created = post("/api/catalog/locations",
                "{\"type\":\"file\",\"target\":\"" + target.toAbsolutePath() + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("registration refused by " + name + ": " + created.statusCode() + " " + created.body());
        }
    }

    /** The location reads this instance made, whatever their outcome (its own refresh timer's count). */
    public long locationReads() {
        return (long) metrics().sum("catalog_location_refresh_seconds_count");
    }

    public Metrics metrics() {
        return Metrics.of(get("/q/metrics").body());
    }

    /** Ends the process as a crash would: SIGKILL, no shutdown hooks, claims and locks left as they were. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The instance's output so far, for a failure message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the instance as an orchestrator would (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
