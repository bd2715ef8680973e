package io.catalog.graph.github;

import java.net.URL;

/**
 * Sees each body a provider's client receives (fresh or answered from a 304), for fields the client's model classes
 * drop: {@code github-api} does not keep the {@code topics} a repository listing carries, and asking for them one
 * repository at a time would cost a request each.
 */
public interface GitHubResponseObserver {

    void observe(String providerId, URL url, byte[] body);
}
