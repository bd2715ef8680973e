package io.catalog.graph.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Everything an operator can set, under the {@code catalog.} prefix. See docs/operations.md. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** Locations registered from configuration, each as {@code type:target}, e.g. {@code file:./ingest/example/catalog-info.yaml}. */
    Optional<List<String>> locations();

    /**
     * This instance's name among replicas, kept on the locations it claims ({@code locations.claimed_by}); defaults
     * to the host's name (a pod's name on Kubernetes) and the process id, see {@link InstanceName}.
     */
    Optional<String> instanceName();

    Refresh refresh();

    Reading reading();

    Limits limits();

    Auth auth();

    ArgoCd argocd();

    Embedded embedded();

    /** Where entities come from besides locations: {@code catalog.providers.github.<id>.*} (docs/github.md). */
    Providers providers();

    /** GitHub settings shared by every provider: {@code catalog.github.webhook-secret}. */
    GitHub github();

    interface Providers {
        /** GitHub discovery providers by id; several may scan different organisations or hosts. */
        Map<String, GitHubProvider> github();
    }

    interface GitHubProvider {
        /** The organisation to scan; without one, a GitHub App scans every installation it has. */
        Optional<String> organization();

        /** REST API root: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise Server. */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /** A personal access or fine-grained token; a secret: give it through the environment or {@link #tokenFile()}. */
        Optional<String> token();

        /** A file holding the token (a mounted secret). */
        Optional<String> tokenFile();

        /** A GitHub App instead of a token. */
        Optional<Long> appId();

        /** The App's private key (PEM, PKCS#1 as GitHub issues it, or PKCS#8). */
        Optional<String> privateKey();

        Optional<String> privateKeyFile();

        /** One installation of the App; without it, the installation of {@link #organization()} (or all of them). */
        Optional<Long> installationId();

        /** Path of the descriptor in each repository, or a glob such as {@code **}{@code /catalog-info.yaml}. */
        @WithDefault("/catalog-info.yaml")
        String catalogPath();

        Filters filters();

        /** How often the organisation is scanned (repository list, changed repositories, teams and members). */
        @WithDefault("15m")
        Duration schedule();

        Org org();
    }

    interface Filters {
        /** Anchored regular expression a repository name must match. */
        Optional<String> repository();

        /** Branch to read; default: each repository's default branch. */
        Optional<String> branch();

        Topics topics();

        @WithDefault("true")
        boolean allowForks();

        @WithDefault("false")
        boolean allowArchived();

        /** {@code public}, {@code private}, {@code internal}; default: all three. */
        Optional<List<String>> visibility();
    }

    interface Topics {
        Optional<List<String>> include();

        /** A repository with any of these topics is left out, even when it also has an included one. */
        Optional<List<String>> exclude();
    }

    interface Org {
        /** Teams as Groups and members as Users. */
        @WithDefault("true")
        boolean enabled();
    }

    interface GitHub {
        /** Shared secret of the webhook; without one the webhook routes accept nothing. A secret: use the environment. */
        Optional<String> webhookSecret();

        Optional<String> webhookSecretFile();

        /**
         * Largest delivery body accepted, in bytes; a larger one is answered 413 and not stored (the next scan picks
         * the change up). GitHub caps payloads at 25 MB; raising this needs {@code quarkus.http.limits.max-body-size}
         * (10M, the bound of every route) raised as well.
         */
        @WithDefault("10485760")
        int webhookMaxBytes();

        /** How long processed deliveries are kept: a redelivery within it is recognised and not processed twice. */
        @WithDefault("7d")
        Duration webhookRetention();

        /** Attempts at processing one delivery (GitHub unreachable, a failing provider) before it is marked failed. */
        @WithDefault("5")
        int webhookMaxAttempts();

        /** Wait before the first retry of a delivery; it doubles with each attempt. */
        @WithDefault("10s")
        Duration webhookRetryDelay();

        /**
         * How often each instance looks for deliveries that no channel message announced (left by a crash, or
         * received by another replica).
         */
        @WithDefault("5s")
        Duration webhookPollInterval();

        /** How long a claim on a delivery holds before another instance may take it over (its holder crashed). */
        @WithDefault("5m")
        Duration webhookLease();

        /**
         * How long after start-up each provider is scanned for the first time (then every {@code schedule}); a scan a
         * replica ran recently counts, so a restart does not scan again at once.
         */
        @WithDefault("10s")
        Duration firstScanDelay();

        /**
         * How long GraphQL rests after a 5xx, a timeout or an answer that is not one (its reads go through REST
         * meanwhile); a rate limit rests it until GitHub's reset, a GitHub without the endpoint for an hour.
         */
        @WithDefault("1m")
        Duration graphqlRetryDelay();
    }

    /** The local mode's embedded PostgreSQL (see {@link LocalMode}); unused when a datasource is configured. */
    interface Embedded {
        /** Where its data lives; it survives restarts. */
        @WithDefault("data/postgres")
        String dataDir();

        @WithDefault("15432")
        int port();

        /** Where the embedded Neo4j keeps its data (started unless {@code quarkus.neo4j.uri} is set). */
        @WithDefault("data/neo4j")
        String neo4jDataDir();

        /** Its Bolt port, on 127.0.0.1 (0: any free port). */
        @WithDefault("17687")
        int neo4jPort();

        /** Its page cache, in MiB. */
        @WithDefault("256")
        long neo4jPageCacheMb();
    }

    Metrics metrics();

    Graph graph();

    /** The Neo4j projection (docs/graph.md). */
    interface Graph {
        /** Whether this instance runs a projector; with several replicas any number may, one projects at a time. */
        @WithDefault("true")
        boolean projectorEnabled();

        /** How often the projector looks for pending changes when no change event wakes it sooner. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Change rows (and, in a rebuild, entities) read and applied to Neo4j per transaction. */
        @WithDefault("2000")
        int batchSize();

        /** Longest wait between attempts while Neo4j (or PostgreSQL) fails; the wait doubles from the poll interval. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Projection lag (age of the oldest pending change) above which the graph health group reports DOWN. */
        @WithDefault("5m")
        Duration maxLag();

        /** Relation rows picked at random by the consistency check and looked up in Neo4j. */
        @WithDefault("100")
        int consistencySample();

        /**
         * How many items (entities, nodes, owners) the graph answers kept for reuse may hold together, on this
         * instance; an answer is reused only while the graph is unchanged since it was computed. 0 keeps none.
         */
        @WithDefault("200000")
        long answerCacheItems();

        /**
         * How long the graph's version, read to tell whether a kept answer still holds, is trusted before it is read
         * again (a Bolt round trip, about half of what a kept answer costs). This instance's own projection shows
         * at once; another replica's shows at most this much later. 0 reads it for every question.
         */
        @WithDefault("250ms")
        Duration versionRecheck();
    }

    interface Metrics {
        /**
         * How old the database counts behind the catalog gauges may get before a scrape reads them again. One
         * scrape reads them once however many gauges it serves; a grouped count of a million entities is not free.
         */
        @WithDefault("10s")
        Duration maxAge();
    }

    interface ArgoCd {
        /** Bearer token the Argo CD ApplicationSet plugin generator must send; without one the endpoint refuses all calls. */
        Optional<String> token();
    }

    interface Auth {
        /**
         * Bearer tokens accepted on write routes (locations, refresh, delete) and, when {@link #protectReads()}, on
         * reads. Set them from the environment ({@code CATALOG_AUTH_TOKENS}), never in a file in the repository.
         */
        Optional<List<String>> tokens();

        /** Lets writes through without a token. The embedded local mode turns this on; never do so in production. */
        @WithDefault("false")
        boolean openWrites();

        /** Requires a token on reads too. */
        @WithDefault("false")
        boolean protectReads();
    }

    interface Refresh {
        /** How often every location is re-read. */
        @WithDefault("15m")
        Duration interval();

        /** Fraction of the interval added at random, so locations registered together spread out. */
        @WithDefault("0.1")
        double jitter();

        /** How long a claim on a location holds before another instance may take it over (crash recovery). */
        @WithDefault("5m")
        Duration lease();

        /** How often each instance looks for due locations when nothing wakes it sooner. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long after start-up the first poll happens. */
        @WithDefault("0s")
        Duration initialDelay();

        /** How many due locations one poll claims. */
        @WithDefault("16")
        int batchSize();

        /**
         * How many claimed locations are processed at once; by default one more than the processors the JVM may use
         * (a container's CPU limit counts), since a worker spends part of each location waiting on the database.
         */
        OptionalInt parallelism();

        /**
         * How many locations are processed at once while this instance serves reads (a read route called or answered
         * within the last second): the rest of {@link #parallelism()} waits, so a bulk re-read does not take the CPU
         * the readers need. By default half the processors the JVM may use, at least 1. Set it to the parallelism to
         * never hold back.
         */
        OptionalInt parallelismWhileServing();

        /**
         * How long a refresh asked for through the API waits for another worker that holds the location to finish
         * before it answers; the location is read again right after that worker commits either way.
         */
        @WithDefault("15s")
        Duration busyWait();

        /**
         * When a provider's location (a GitHub descriptor) whose read failed is tried again: those are read when the
         * provider reports a change, so waiting for the timer would hold a pushed change back for a whole interval.
         */
        @WithDefault("1m")
        Duration providerRetry();
    }

    interface Reading {
        /**
         * Hosts that url locations, placeholders and nested locations may be read from: {@code *} is any host whose
         * addresses are all public; a listed name or address (optionally {@code :port}) is read even if private or
         * loopback. See docs/operations.md.
         */
        @WithDefault("*")
        List<String> allowedHosts();

        /** Folders under which file locations may be registered over the API; none means url locations only. */
        Optional<List<String>> fileRoots();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Limits {
        /** Largest descriptor (or placeholder target) read, in bytes. */
        @WithDefault("5242880")
        int maxBytes();

        /** Most YAML documents one descriptor file may hold. */
        @WithDefault("10000")
        int maxDocuments();

        /** Deepest nesting of YAML collections. */
        @WithDefault("64")
        int maxDepth();

        /** Most YAML aliases per document: guards against alias-expansion ("billion laughs") bombs. */
        @WithDefault("50")
        int maxAliases();

        /**
         * Most bytes one location's content may expand into once YAML aliases and placeholders are replaced by what
         * they stand for (scalar bytes plus 2 per value); defaults to twice {@link #maxBytes()}, which a file
         * without aliases or placeholders never reaches.
         */
        OptionalLong maxExpandedBytes();

        /** Most placeholders ({@code $text}, {@code $json}, {@code $yaml}) one document may hold; more rejects the document. */
        @WithDefault("20")
        int maxPlaceholdersPerDocument();

        /** Most bytes the placeholders of one location may read in total (each target once); defaults to {@link #maxBytes()}. */
        OptionalLong maxPlaceholderBytes();

        /** Most time the placeholders of one location may spend reading in total; each read is also bounded by the read timeout. */
        @WithDefault("30s")
        Duration placeholderTimeout();

        /**
         * Largest entity served, in bytes of its JSON (relations included); a larger one is rejected on its location.
         */
        @WithDefault("1048576")
        long maxEntityBytes();

        /** Most locations one dry run follows through nested Location entities. */
        @WithDefault("200")
        int maxDryRunLocations();

        /** Largest page a list route serves; a larger {@code limit} is cut to it (the page says where to go on). */
        @WithDefault("1000")
        int maxPageSize();

        /** {@code GET /entities} without {@code limit} streams every match, reading this many at a time. */
        @WithDefault("500")
        int streamPageSize();

        /** Most facets one {@code /entity-facets} request may ask for. */
        @WithDefault("50")
        int maxFacets();

        /** Most order fields one list request may sort by. */
        @WithDefault("10")
        int maxOrderFields();

        /** Most refs one {@code POST /entities/by-refs} request may ask for (Backstage's client sends at most 1000). */
        @WithDefault("1000")
        int maxRefs();

        /** How long one read query may run before it is stopped and the request answers 503. */
        @WithDefault("10s")
        Duration readTimeout();

        /** How long one graph request's Neo4j transaction may run before the server stops it and the request answers 503. */
        @WithDefault("10s")
        Duration graphTimeout();
    }
}
