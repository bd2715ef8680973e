package io.catalog.graph.api;

import io.catalog.graph.model.CatalogAnnotations;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entity as an ApplicationSet parameter set: flat keys for the usual template needs, plus the labels and
 * annotations as maps (Argo CD flattens them to {@code annotations.<key>} in fasttemplate mode, and Go templates
 * index them). {@code fields}, when given, keeps only those keys.
 */
final class ApplicationSetParameters {

    private ApplicationSetParameters() {
    }

    static Map<String, Object> of(JsonNode entity, List<String> fields) {
        JsonNode metadata = entity.path("metadata");
        JsonNode spec = entity.path("spec");
        Map<String, Object> all = new LinkedHashMap<>();
        String kind = entity.path("kind").asText();
        String namespace = metadata.path("namespace").asText("default");
        String name = metadata.path("name").asText();
        all.put("name", name);
        all.put("namespace", namespace);
        all.put("kind", kind);
        all.put("entityRef", (kind + ":" + namespace + "/" + name).toLowerCase(Locale.ROOT));
        all.put("title", metadata.path("title").asText(name));
        all.put("description", metadata.path("description").asText(""));
        all.put("type", spec.path("type").asText(""));
        all.put("lifecycle", spec.path("lifecycle").asText(""));
        all.put("owner", spec.path("owner").asText(""));
        all.put("system", spec.path("system").asText(""));
        all.put("repoUrl", repoUrl(metadata.path("annotations")));
        all.put("labels", stringMap(metadata.path("labels")));
        all.put("annotations", stringMap(metadata.path("annotations")));
        if (fields.isEmpty()) {
            return all;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        for (String field : fields) {
            if (all.containsKey(field)) {
                selected.put(field, all.get(field));
            }
        }
        return selected;
    }

    /**
     * The source repository: {@code github.com/project-slug} when set, else the {@code url:} source location
     * (as a git host's tree URL points into the repository, the part before {@code /tree/} or {@code /blob/}).
     */
    static String repoUrl(JsonNode annotations) {
        String slug = annotations.path("github.com/project-slug").asText("");
        if (!slug.isBlank()) {
            return "https://github.com/" + slug;
        }
        String source = annotations.path(CatalogAnnotations.SOURCE_LOCATION).asText("");
        if (source.startsWith("url:")) {
            String url = source.substring(4);
            for (String marker : new String[] {"/-/tree/", "/-/blob/", "/tree/", "/blob/"}) {
                int at = url.indexOf(marker);
                if (at > 0) {
                    return url.substring(0, at);
                }
            }
            return url;
        }
        return "";
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
