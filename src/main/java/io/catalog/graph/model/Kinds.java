package io.catalog.graph.model;

import static io.catalog.graph.model.Rule.arrayOf;
import static io.catalog.graph.model.Rule.nonEmptyString;
import static io.catalog.graph.model.Rule.object;
import static io.catalog.graph.model.Rule.objectWithOthers;
import static io.catalog.graph.model.Rule.oneOf;
import static io.catalog.graph.model.Rule.optional;
import static io.catalog.graph.model.Rule.required;
import static io.catalog.graph.model.Rule.string;
import static io.catalog.graph.model.Rule.stringOrBoolean;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of known kinds: which (apiVersion, kind) pairs exist, what each kind's spec must hold, and
 * which relations its spec fields make. Kinds and API versions are matched exactly, case included, as
 * Backstage's kind schemas do.
 */
public final class Kinds {

    public static final String BACKSTAGE_V1ALPHA1 = "backstage.io/v1alpha1";
    public static final String BACKSTAGE_V1BETA1 = "backstage.io/v1beta1";
    public static final String SCAFFOLDER_V1BETA3 = "scaffolder.backstage.io/v1beta3";

    private static final Set<String> BACKSTAGE_VERSIONS = Set.of(BACKSTAGE_V1ALPHA1, BACKSTAGE_V1BETA1);

    private static final Map<String, KindSpec> KINDS = register(
            component(), api(), resource(), system(), domain(), group(), user(), location(), template());

    private Kinds() {
    }

    /** Whether entities of this kind may be written in this API version. Both are matched exactly. */
    public static boolean isKnown(String apiVersion, String kind) {
        return apiVersion != null
                && lookup(kind).map(spec -> spec.apiVersions().contains(apiVersion)).orElse(false);
    }

    static Optional<KindSpec> lookup(String kind) {
        return Optional.ofNullable(kind == null ? null : KINDS.get(kind));
    }

    /** The known kind that differs from {@code kind} only in case, to suggest it. */
    static Optional<KindSpec> lookupIgnoringCase(String kind) {
        return KINDS.values().stream()
                .filter(spec -> spec.kind().toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static Collection<KindSpec> all() {
        return KINDS.values();
    }

    private static Map<String, KindSpec> register(KindSpec... specs) {
        Map<String, KindSpec> map = new LinkedHashMap<>();
        for (KindSpec spec : specs) {
            map.put(spec.kind(), spec);
        }
        return map;
    }

    private static Rule refs() {
        return arrayOf(nonEmptyString());
    }

    private static Rule profile() {
        return object(
                optional("displayName", nonEmptyString()),
                optional("email", nonEmptyString()),
                optional("picture", nonEmptyString()));
    }

    private static KindSpec component() {
        return new KindSpec("Component", BACKSTAGE_VERSIONS,
                object(
                        required("type", nonEmptyString()),
                        required("lifecycle", nonEmptyString()),
                        required("owner", nonEmptyString()),
                        optional("system", nonEmptyString()),
                        optional("subcomponentOf", nonEmptyString()),
                        optional("providesApis", refs()),
                        optional("consumesApis", refs()),
                        optional("dependsOn", refs()),
                        optional("dependencyOf", refs())),
                List.of(
                        new RelationRule("owner", "Group", RelationTypes.OWNED_BY),
                        new RelationRule("subcomponentOf", "Component", RelationTypes.PART_OF),
                        new RelationRule("providesApis", "API", RelationTypes.PROVIDES_API),
                        new RelationRule("consumesApis", "API", RelationTypes.CONSUMES_API),
                        new RelationRule("dependsOn", null, RelationTypes.DEPENDS_ON),
                        new RelationRule("dependencyOf", null, RelationTypes.DEPENDENCY_OF),
                        new RelationRule("system", "System", RelationTypes.PART_OF)));
    }

    private static KindSpec api() {
        return new KindSpec("API", BACKSTAGE_VERSIONS,
                object(
                        required("type", nonEmptyString()),
                        required("lifecycle", nonEmptyString()),
                        required("owner", nonEmptyString()),
                        required("definition", nonEmptyString()),
                        optional("system", nonEmptyString())),
                List.of(
                        new RelationRule("owner", "Group", RelationTypes.OWNED_BY),
                        new RelationRule("system", "System", RelationTypes.PART_OF)));
    }

    private static KindSpec resource() {
        return new KindSpec("Resource", BACKSTAGE_VERSIONS,
                object(
                        required("type", nonEmptyString()),
                        required("owner", nonEmptyString()),
                        optional("dependsOn", refs()),
                        optional("dependencyOf", refs()),
                        optional("system", nonEmptyString())),
                List.of(
                        new RelationRule("owner", "Group", RelationTypes.OWNED_BY),
                        new RelationRule("dependsOn", null, RelationTypes.DEPENDS_ON),
                        new RelationRule("dependencyOf", null, RelationTypes.DEPENDENCY_OF),
                        new RelationRule("system", "System", RelationTypes.PART_OF)));
    }

    private static KindSpec system() {
        return new KindSpec("System", BACKSTAGE_VERSIONS,
                object(
                        required("owner", nonEmptyString()),
                        optional("domain", nonEmptyString()),
                        optional("type", nonEmptyString())),
                List.of(
                        new RelationRule("owner", "Group", RelationTypes.OWNED_BY),
                        new RelationRule("domain", "Domain", RelationTypes.PART_OF)));
    }

    private static KindSpec domain() {
        return new KindSpec("Domain", BACKSTAGE_VERSIONS,
                object(
                        required("owner", nonEmptyString()),
                        optional("subdomainOf", nonEmptyString()),
                        optional("type", nonEmptyString())),
                List.of(
                        new RelationRule("owner", "Group", RelationTypes.OWNED_BY),
                        new RelationRule("subdomainOf", "Domain", RelationTypes.PART_OF)));
    }

    private static KindSpec group() {
        return new KindSpec("Group", BACKSTAGE_VERSIONS,
                object(
                        required("type", nonEmptyString()),
                        optional("profile", profile()),
                        optional("parent", nonEmptyString()),
                        required("children", refs()),
                        optional("members", refs())),
                List.of(
                        new RelationRule("parent", "Group", RelationTypes.CHILD_OF),
                        new RelationRule("children", "Group", RelationTypes.PARENT_OF),
                        new RelationRule("members", "User", RelationTypes.HAS_MEMBER)));
    }

    private static KindSpec user() {
        return new KindSpec("User", BACKSTAGE_VERSIONS,
                object(
                        optional("profile", profile()),
                        optional("memberOf", refs())),
                List.of(new RelationRule("memberOf", "Group", RelationTypes.MEMBER_OF)));
    }

    private static KindSpec location() {
        return new KindSpec("Location", BACKSTAGE_VERSIONS,
                object(
                        optional("type", nonEmptyString()),
                        optional("target", nonEmptyString()),
                        optional("targets", arrayOf(nonEmptyString())),
                        optional("presence", oneOf("required", "optional"))),
                List.of());
    }

    private static KindSpec template() {
        Rule permissions = object(optional("tags", arrayOf(string())));
        Rule parameterForm = object(optional("backstage:permissions", permissions));
        Rule step = object(
                optional("id", string()),
                optional("name", string()),
                required("action", string()),
                optional("input", object()),
                optional("if", stringOrBoolean()),
                optional("backstage:permissions", permissions));
        Rule outputLink = object(
                optional("if", stringOrBoolean()),
                optional("url", nonEmptyString()),
                optional("entityRef", nonEmptyString()),
                optional("title", nonEmptyString()),
                optional("icon", nonEmptyString()));
        Rule outputText = object(
                optional("if", stringOrBoolean()),
                optional("title", nonEmptyString()),
                optional("icon", nonEmptyString()),
                optional("content", string()));
        return new KindSpec("Template", Set.of(SCAFFOLDER_V1BETA3),
                object(
                        required("type", nonEmptyString()),
                        optional("owner", nonEmptyString()),
                        optional("lifecycle", nonEmptyString()),
                        optional("parameters", Rule.anyOf("an object or an array of objects",
                                parameterForm, arrayOf(parameterForm))),
                        optional("secrets", object(optional("schema", object()))),
                        optional("presentation", object(optional("buttonLabels", object(
                                optional("backButtonText", string()),
                                optional("createButtonText", string()),
                                optional("reviewButtonText", string()))))),
                        optional("EXPERIMENTAL_recovery", object(optional("EXPERIMENTAL_strategy", string()))),
                        optional("EXPERIMENTAL_formDecorators", arrayOf(object(
                                optional("id", string()),
                                optional("input", object())))),
                        required("steps", arrayOf(step)),
                        optional("output", objectWithOthers(string(),
                                optional("links", arrayOf(outputLink)),
                                optional("text", arrayOf(outputText))))),
                List.of(new RelationRule("owner", "Group", RelationTypes.OWNED_BY)));
    }
}
