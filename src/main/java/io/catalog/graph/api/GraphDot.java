package io.catalog.graph.api;

import io.catalog.graph.graph.GraphQueries;

/** A neighbourhood as Graphviz DOT: every id and label a quoted string, so refs with ':' '/' '"' are safe. */
final class GraphDot {

    private GraphDot() {
    }

    static String render(GraphQueries.Neighbourhood neighbourhood) {
        StringBuilder dot = new StringBuilder("digraph catalog {\n  node [shape=box];\n");
        for (GraphQueries.Node node : neighbourhood.nodes()) {
            String label = node.title() == null || node.title().isBlank() ? node.entityRef() : node.title() + "\n" + node.entityRef();
            dot.append("  ").append(quote(node.entityRef())).append(" [label=").append(quote(label));
            if (!node.exists()) {
                dot.append(", style=dashed");
            }
            dot.append("];\n");
        }
        for (GraphQueries.Edge edge : neighbourhood.edges()) {
            dot.append("  ").append(quote(edge.source())).append(" -> ").append(quote(edge.target()))
                    .append(" [label=").append(quote(edge.type())).append("];\n");
        }
        return dot.append("}\n").toString();
    }

    /** A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's centred {@code \n}. */
    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + '"';
    }
}
