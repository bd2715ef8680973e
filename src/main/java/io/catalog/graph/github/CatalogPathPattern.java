package io.catalog.graph.github;

import java.util.regex.Pattern;

/**
 * The {@code catalog-path} of a provider: one path in each repository ({@code /catalog-info.yaml}), or a glob
 * ({@code **}{@code /catalog-info.yaml}, {@code services/*}{@code /catalog-info.yaml}) matched against every file of
 * the repository's tree. As in Backstage's (minimatch) globs, {@code **}{@code /} also matches no folder at all,
 * {@code *} and {@code ?} stay within one folder.
 */
public final class CatalogPathPattern {

    private final String path;
    private final Pattern glob;

    private CatalogPathPattern(String path, Pattern glob) {
        this.path = path;
        this.glob = glob;
    }

    public static CatalogPathPattern of(String catalogPath) {
        if (catalogPath == null || catalogPath.isBlank()) {
            throw new IllegalArgumentException("catalog-path must not be blank");
        }
        String path = catalogPath.trim().replaceFirst("^/+", "");
        if (path.isEmpty() || path.contains("..")) {
            throw new IllegalArgumentException("catalog-path '" + catalogPath + "' does not name a file in the repository");
        }
        boolean glob = path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
        return new CatalogPathPattern(path, glob ? Pattern.compile(toRegex(path)) : null);
    }

    /** A glob: descriptors are found by listing the repository's tree. */
    public boolean isGlob() {
        return glob != null;
    }

    /** The one path read in every repository, without a leading slash; only when {@link #isGlob()} is false. */
    public String path() {
        return path;
    }

    /** Whether a file of the repository (path without leading slash, as the trees API gives it) is a descriptor. */
    public boolean matches(String file) {
        String relative = file.startsWith("/") ? file.substring(1) : file;
        return glob == null ? relative.equals(path) : glob.matcher(relative).matches();
    }

    @Override
    public String toString() {
        return "/" + path;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean folder = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(folder ? "(?:[^/]+/)*" : ".*");
                i += folder ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '{') {
                int end = glob.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("catalog-path '" + glob + "': unclosed '{'");
                }
                regex.append("(?:");
                String[] options = glob.substring(i + 1, end).split(",", -1);
                for (int o = 0; o < options.length; o++) {
                    regex.append(o == 0 ? "" : "|").append(Pattern.quote(options[o]));
                }
                regex.append(")");
                i = end;
            } else if (c == '[') {
                int end = glob.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("catalog-path '" + glob + "': unclosed '['");
                }
                String members = glob.substring(i + 1, end);
                regex.append('[').append(members.startsWith("!") ? "^" + members.substring(1) : members).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
