package io.catalog.graph.app;

/** Names this instance among the replicas sharing one database. */
public final class InstanceName {

    private InstanceName() {
    }

    /** {@code catalog.instance-name} when set, else {@code host:pid}: unique even for replicas on one machine. */
    public static String of(CatalogConfig config) {
        return config.instanceName().filter(name -> !name.isBlank()).orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                host = "localhost";
            }
            return host + ":" + ProcessHandle.current().pid();
        });
    }
}
