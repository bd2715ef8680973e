package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kohsuke.github.GHException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the descriptors of many repositories at once: an exact {@code catalog-path} through GraphQL
 * ({@link DescriptorLookup}), keeping each text for the refresh loop ({@link DescriptorTexts}). Whatever it does not
 * settle the scanner reads through REST, one repository at a time, as before.
 */
@ApplicationScoped
public class BulkDescriptorReader {

    private static final Logger LOG = Logger.getLogger(BulkDescriptorReader.class);

    private final GitHubClients clients;
    private final DescriptorTexts texts;
    private final ObjectMapper json;

    public BulkDescriptorReader(GitHubClients clients, DescriptorTexts texts, ObjectMapper json) {
        this.clients = clients;
        this.texts = texts;
        this.json = json;
    }

    /**
     * The descriptors of a batch of repositories in one GraphQL query per owner, their texts kept for the refresh
     * loop; empty for a glob (trees are listed through REST) and for whatever GraphQL did not settle.
     */
    Map<String, DescriptorLookup.Answer> read(GitHubProviderSettings provider, List<ListedRepository> batch) {
        if (provider.catalogPath().isGlob()) {
            return Map.of();
        }
        Map<String, List<DescriptorLookup.Target>> byOwner = new LinkedHashMap<>();
        for (ListedRepository repository : batch) {
            RepositoryFacts facts = repository.facts();
            byOwner.computeIfAbsent(facts.owner(), o -> new ArrayList<>()).add(new DescriptorLookup.Target(repository.key(),
                    facts.owner(), facts.name(), provider.filter().branchOf(facts), provider.catalogPath().path()));
        }
        Map<String, DescriptorLookup.Answer> answers = new HashMap<>();
        List<DescriptorTexts.Text> kept = new ArrayList<>();
        Instant queried = texts.now();
        for (Map.Entry<String, List<DescriptorLookup.Target>> owner : byOwner.entrySet()) {
            List<DescriptorLookup.Target> targets = owner.getValue();
            try {
                Map<String, DescriptorLookup.Answer> settled = DescriptorLookup.answers(targets, clients.graphql(provider, owner.getKey())
                        .query(DescriptorLookup.query(targets.size()), DescriptorLookup.variables(targets, json)));
                answers.putAll(settled);
                for (DescriptorLookup.Target target : targets) {
                    if (settled.get(target.key()) instanceof DescriptorLookup.Present present && present.text() != null) {
                        kept.add(new DescriptorTexts.Text(provider.urls().blob(target.owner() + "/" + target.name(), target.branch(),
                                target.path()), target.key(), present.oid(), present.text()));
                    }
                }
            } catch (IOException | GHException e) {
                LOG.debugf("GitHub provider %s: descriptors of %d repositories of %s are read through REST (%s)", provider.id(),
                        targets.size(), owner.getKey(), GitHubScanner.describe(e));
            }
        }
        // before the locations are told: the refresh loop's read must find these texts
        texts.replace(provider.key(), answers.keySet(), kept, queried);
        return answers;
    }

    /** The repositories' kept texts go: they left the catalog, or are read through REST now. */
    void forget(GitHubProviderSettings provider, Collection<String> repositories) {
        texts.forgetRepositories(provider.key(), repositories);
    }
}
