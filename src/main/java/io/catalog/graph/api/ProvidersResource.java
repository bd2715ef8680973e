package io.catalog.graph.api;

import io.catalog.graph.github.DiscoveryLoop;
import io.catalog.graph.github.DiscoveryStore;
import io.catalog.graph.github.GitHubClients;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.github.ScanSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The operator's view of the entity providers (GitHub discovery): each provider with its last scans, and a scan on
 * demand. Reading needs the read token like every catalog read; starting a scan spends the provider's GitHub budget,
 * so it needs the write token.
 */
@Path("/api/admin/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    /** Scans shown per provider, newest first. */
    static final int SCANS_SHOWN = 10;

    /** One provider as listed. */
    public record Provider(String id, String type, List<String> organizations, String catalogPath, String schedule,
                           List<ScanSummary> scans) {
    }

    public record Providers(List<Provider> providers) {
    }

    private final GitHubClients clients;
    private final DiscoveryStore store;
    private final DiscoveryLoop loop;

    public ProvidersResource(GitHubClients clients, DiscoveryStore store, DiscoveryLoop loop) {
        this.clients = clients;
        this.store = store;
        this.loop = loop;
    }

    @Access(AccessLevel.READ)
    @GET
    public Providers providers() {
        return new Providers(clients.providers().stream().map(this::describe).toList());
    }

    /**
     * Scans the provider now and answers when the scan has ended, with its summary; 409 while a scan of it runs (on
     * this replica or another: its summary appears in the list when it ends).
     */
    @Access(AccessLevel.WRITE)
    @POST
    @Path("/{id}/scan")
    public ScanSummary scan(@PathParam("id") String id) {
        GitHubProviderSettings provider = clients.provider(id)
                .orElseThrow(() -> ApiException.notFound("No provider with id '" + id + "'"));
        try {
            return loop.scanNow(provider);
        } catch (DiscoveryLoop.ScanRunning e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    private Provider describe(GitHubProviderSettings provider) {
        return new Provider(provider.id(), "github", organizations(provider), provider.catalogPath().toString(),
                provider.schedule().toString(), store.scans(provider.key(), SCANS_SHOWN));
    }

    /** The organisation configured; for an App without one, the organisations its last scan read (no request made here). */
    private List<String> organizations(GitHubProviderSettings provider) {
        if (provider.organization() != null) {
            return List.of(provider.organization());
        }
        return store.organizations(provider.key());
    }
}
