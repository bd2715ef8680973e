package io.catalog.graph.processing;

import io.catalog.graph.model.CatalogAnnotations;
import io.catalog.graph.model.ProcessedEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.EntityRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Location entity that stands for a registered location, named as Backstage names it
 * ({@code generated-} + SHA-1 of {@code type:target}), so refs to it are the same in both catalogs.
 */
public final class GeneratedLocationEntity {

    private GeneratedLocationEntity() {
    }

    /** The ref of the Location entity that stands for a registered location. */
    public static EntityRef refOf(LocationSpec location) {
        return new EntityRef("location", "default", "generated-" + sha1(location.toString()));
    }

    public static ProcessedEntity of(LocationSpec location, ObjectMapper json) {
        ObjectNode entity = json.createObjectNode();
        entity.put("apiVersion", "backstage.io/v1alpha1");
        entity.put("kind", "Location");
        ObjectNode metadata = entity.putObject("metadata");
        metadata.put("name", "generated-" + sha1(location.toString()));
        metadata.put("namespace", "default");
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put(CatalogAnnotations.MANAGED_BY_LOCATION, location.toString());
        annotations.put(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION, location.toString());
        ObjectNode spec = entity.putObject("spec");
        spec.put("type", location.type());
        spec.put("target", location.target());
        return ProcessedEntity.of(EntityRef.of(entity), entity, List.of(), json);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
