package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scan decides for each repository, from its listing and what earlier scans remembered. */
class ScanPlannerTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-03T10:00:00Z");
    private final RepositoryFilter defaults = RepositoryFilter.defaults();

    private static final CatalogPathPattern PATH = CatalogPathPattern.of("/catalog-info.yaml");

    private static RepositoryFacts repo(String fullName) {
        return new RepositoryFacts(fullName, "main", MONDAY, false, false, "public", List.of());
    }

    private static ListedRepository listed(long id, RepositoryFacts facts) {
        return new ListedRepository(id, facts);
    }

    private static Map<String, KnownRepository> known(ListedRepository... read) {
        Map<String, KnownRepository> known = new HashMap<>();
        for (ListedRepository r : read) {
            known.put(r.key(), KnownRepository.read(r, r.facts().defaultBranch(), PATH, List.of("catalog-info.yaml"), null));
        }
        return known;
    }

    @Test
    void aFirstScanReadsEveryRepositoryTheFiltersTakeAndRemembersTheOthers() {
        ListedRepository service = listed(1, repo("acme/service"));
        ListedRepository archived = listed(2, new RepositoryFacts("acme/old", "main", MONDAY, false, true, "public", List.of()));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(service, archived), Map.of(), true);

        assertThat(plan.read()).containsExactly(service);
        assertThat(plan.unmatched()).containsExactly(archived);
        assertThat(plan.removals()).isEmpty();
        assertThat(plan.matched()).isEqualTo(1);
    }

    @Test
    void anUnchangedRepositoryIsNotReadAgain() {
        ListedRepository service = listed(1, repo("acme/service"));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(service), known(service), true);

        assertThat(plan.read()).isEmpty();
        assertThat(plan.factsChanged()).isEmpty();
        assertThat(plan.removals()).isEmpty();
    }

    @Test
    void aPushedRepositoryIsReadAgainAndOnlyThatOne() {
        ListedRepository quiet = listed(1, repo("acme/quiet"));
        ListedRepository busy = listed(2, repo("acme/busy"));
        ListedRepository pushed = listed(2, new RepositoryFacts("acme/busy", "main", TUESDAY, false, false, "public", List.of()));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(quiet, pushed), known(quiet, busy), true);

        assertThat(plan.read()).containsExactly(pushed);
    }

    @Test
    void aNewDefaultBranchIsReadAgain() {
        ListedRepository before = listed(1, repo("acme/service"));
        ListedRepository after = listed(1, new RepositoryFacts("acme/service", "trunk", MONDAY, false, false, "public", List.of()));

        assertThat(ScanPlanner.plan(defaults, PATH, List.of(after), known(before), true).read()).containsExactly(after);
    }

    @Test
    void aChangedCatalogPathReadsEveryRepositoryAgainButARepositoryReadBeforeItWasRememberedIsNot() {
        ListedRepository read = listed(1, repo("acme/service"));
        ListedRepository legacy = listed(2, repo("acme/legacy"));
        Map<String, KnownRepository> known = new HashMap<>(known(read));
        KnownRepository before = KnownRepository.read(legacy, "main", PATH, List.of("catalog-info.yaml"), null);
        known.put(legacy.key(), new KnownRepository(before.key(), before.id(), before.organization(), before.facts(), true, "main",
                null, before.descriptors(), KnownRepository.OK, null));

        assertThat(ScanPlanner.plan(defaults, PATH, List.of(read, legacy), known, true).read()).as("same path").isEmpty();
        assertThat(ScanPlanner.plan(defaults, CatalogPathPattern.of("**/catalog-info.yaml"), List.of(read, legacy), known, true).read())
                .as("a glob now: read again; the row from before the path was kept is taken as read with it").containsExactly(read);
    }

    @Test
    void aRepositoryWhoseLastReadFailedIsReadAgain() {
        ListedRepository service = listed(1, repo("acme/service"));
        Map<String, KnownRepository> known = Map.of(service.key(), KnownRepository.read(service, "main", PATH, List.of(), "HTTP 502"));

        assertThat(ScanPlanner.plan(defaults, PATH, List.of(service), known, true).read()).containsExactly(service);
    }

    @Test
    void newTopicsOnATakenRepositoryAreRememberedWithoutAReadWhileStillTaken() {
        ListedRepository before = listed(1, repo("acme/service"));
        ListedRepository tagged = listed(1, new RepositoryFacts("acme/service", "main", MONDAY, false, false, "public", List.of("team-a")));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(tagged), known(before), true);

        assertThat(plan.read()).isEmpty();
        assertThat(plan.factsChanged()).containsExactly(tagged);
    }

    @Test
    void anArchivedRepositoryLeavesWhenTheListingIsComplete() {
        ListedRepository before = listed(1, repo("acme/service"));
        ListedRepository archived = listed(1, new RepositoryFacts("acme/service", "main", MONDAY, false, true, "public", List.of()));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(archived), known(before), true);

        assertThat(plan.removals()).extracting(ScanPlanner.Removal::fullName, ScanPlanner.Removal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/service", "archived"));
        assertThat(plan.unmatched()).containsExactly(archived);
    }

    @Test
    void anArchivedRepositoryStaysWhenArchivedOnesAreAllowed() {
        RepositoryFilter allowArchived = new RepositoryFilter(null, null, java.util.Set.of(), java.util.Set.of(), true, true, java.util.Set.of());
        ListedRepository before = listed(1, repo("acme/service"));
        ListedRepository archived = listed(1, new RepositoryFacts("acme/service", "main", MONDAY, false, true, "public", List.of()));

        ScanPlanner.Plan plan = ScanPlanner.plan(allowArchived, PATH, List.of(archived), known(before), true);

        assertThat(plan.removals()).isEmpty();
    }

    @Test
    void aVanishedRepositoryLeavesOnlyWhenEveryOrganisationWasListedInFull() {
        ListedRepository stays = listed(1, repo("acme/stays"));
        ListedRepository vanished = listed(2, repo("acme/vanished"));

        assertThat(ScanPlanner.plan(defaults, PATH, List.of(stays), known(stays, vanished), true).removals())
                .extracting(ScanPlanner.Removal::fullName).containsExactly("acme/vanished");
        assertThat(ScanPlanner.plan(defaults, PATH, List.of(stays), known(stays, vanished), false).removals())
                .as("a partial, failed or rate-limited listing removes nothing").isEmpty();
    }

    @Test
    void aRepositoryNoLongerTakenStaysAsItWasWhenTheListingIsIncomplete() {
        ListedRepository before = listed(1, repo("acme/service"));
        ListedRepository archived = listed(1, new RepositoryFacts("acme/service", "main", MONDAY, false, true, "public", List.of()));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(archived), known(before), false);

        assertThat(plan.removals()).isEmpty();
        assertThat(plan.unmatched()).as("still remembered as taken, so the next complete scan removes it").isEmpty();
    }

    @Test
    void aRepositoryWithTheSameIdUnderANewNameWasRenamed() {
        ListedRepository before = listed(7, repo("acme/old-name"));
        ListedRepository after = listed(7, repo("acme/new-name"));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(after), known(before), true);

        assertThat(plan.renames()).singleElement().satisfies(r -> {
            assertThat(r.before().key()).isEqualTo("acme/old-name");
            assertThat(r.after()).isEqualTo(after);
        });
        assertThat(plan.removals()).as("its entities never leave").isEmpty();
        assertThat(plan.read()).containsExactly(after);
    }

    @Test
    void topicFiltersDecideAndAnExcludedTopicWins() {
        RepositoryFilter filter = RepositoryFilter.of(Optional.empty(), Optional.empty(), Optional.of(List.of("catalog")),
                Optional.of(List.of("deprecated")), true, false, Optional.empty());
        ListedRepository included = listed(1, new RepositoryFacts("acme/a", "main", MONDAY, false, false, "public", List.of("catalog")));
        ListedRepository both = listed(2, new RepositoryFacts("acme/b", "main", MONDAY, false, false, "public", List.of("catalog", "deprecated")));
        ListedRepository none = listed(3, repo("acme/c"));

        ScanPlanner.Plan plan = ScanPlanner.plan(filter, PATH, List.of(included, both, none), Map.of(), true);

        assertThat(plan.read()).containsExactly(included);
        assertThat(plan.unmatched()).containsExactly(both, none);
    }

    @Test
    void namesAreComparedWithoutCase() {
        ListedRepository before = listed(1, repo("Acme/Service"));
        ListedRepository after = listed(1, repo("acme/service"));

        ScanPlanner.Plan plan = ScanPlanner.plan(defaults, PATH, List.of(after), known(before), true);

        assertThat(plan.removals()).isEmpty();
        assertThat(plan.read()).isEmpty();
    }
}
