package io.catalog.graph.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.model.ScmUrls;
import io.catalog.graph.ingest.DescriptorParser;
import io.catalog.graph.ingest.LocationReader;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.ingest.PlaceholderResolver;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.ingest.SourceReader;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Wires the framework-free pipeline pieces from configuration (singletons: they are immutable and final). */
@ApplicationScoped
public class Pipeline {

    private final CatalogConfig config;
    private final ObjectMapper json;

    public Pipeline(CatalogConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Produces
    @Singleton
    DescriptorParser descriptorParser() {
        CatalogConfig.Limits limits = config.limits();
        return new DescriptorParser(limits.maxBytes(), limits.maxDocuments(), limits.maxDepth(), limits.maxAliases(),
                limits.maxExpandedBytes().orElse(2L * limits.maxBytes()));
    }

    @Produces
    @Singleton
    LocationProcessor locationProcessor(DescriptorParser parser, EntityProcessor entityProcessor, Instance<SourceReader> sources) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.reading().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        CatalogConfig.Limits limits = config.limits();
        PlaceholderReads.Limits placeholderReads = new PlaceholderReads.Limits(
                limits.maxPlaceholderBytes().orElse(limits.maxBytes()), limits.placeholderTimeout());
        return new LocationProcessor(new LocationReader(http, sources.stream().toList()), parser,
                new PlaceholderResolver(json, parser, limits.maxPlaceholdersPerDocument()), placeholderReads, entityProcessor,
                new StorableCheck(limits.maxEntityBytes()));
    }

    @Produces
    @Singleton
    EntityProcessor entityProcessor() {
        // the GitHub hosts whose blob URLs get GitHub's links: github.com and each provider's (processing reads no github code)
        return new EntityProcessor(json, ScmUrls.gitHub(config.providers().github().values().stream()
                .map(CatalogConfig.GitHubProvider::apiUrl).toList()));
    }

    /**
     * What reads may touch: the allow-listed hosts, the configured file roots, and the folder of every file
     * location registered through configuration (an operator's own choice, so its neighbours are fair game).
     */
    @Produces
    @Singleton
    ReadPolicy readPolicy() {
        Set<Path> roots = new HashSet<>();
        config.reading().fileRoots().orElse(List.of()).forEach(root -> roots.add(Path.of(root)));
        for (String location : config.locations().orElse(List.of())) {
            LocationSpec spec = LocationSpec.parse(location);
            if (spec.type().equals(LocationSpec.FILE)) {
                roots.add(Path.of(spec.target()).getParent());
            }
        }
        return new ReadPolicy(config.reading().allowedHosts(), List.copyOf(roots), config.limits().maxBytes(),
                config.reading().timeout());
    }
}
