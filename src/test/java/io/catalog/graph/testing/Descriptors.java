package io.catalog.graph.testing;

/** Small valid descriptors for tests, as YAML text. */
public final class Descriptors {

    private Descriptors() {
    }

    public static String component(String name, String owner) {
        return component(name, owner, "production");
    }

    public static String component(String name, String owner, String lifecycle) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: %s
                  owner: %s
                """.formatted(name, lifecycle, owner);
    }

    public static String group(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                spec:
                  type: team
                  children: []
                """.formatted(name);
    }

    public static String location(String name, String... targets) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata:
                  name: %s
                spec:
                  targets:
                """.formatted(name));
        for (String target : targets) {
            yaml.append("    - ").append(target).append('\n');
        }
        return yaml.toString();
    }

    public static String documents(String... documents) {
        return String.join("---\n", documents);
    }
}
