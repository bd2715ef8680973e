package io.catalog.graph.github.webhook;

import java.util.List;

/**
 * What a delivery means for the catalog: the actions to carry out, or none and why ({@code note}, e.g. "ignored: a
 * push to branch feature-x, not the tracked main").
 */
public record Interpretation(List<DeliveryAction> actions, String note) {

    public Interpretation {
        actions = List.copyOf(actions);
    }

    public static Interpretation ignored(String why) {
        return new Interpretation(List.of(), "ignored: " + why);
    }

    public static Interpretation of(List<DeliveryAction> actions) {
        return actions.isEmpty() ? ignored("nothing for any provider") : new Interpretation(actions, null);
    }
}
