package io.catalog.graph.model;

import java.util.regex.Pattern;

/**
 * The string formats of the entity envelope, after Backstage's Kubernetes-style validators.
 *
 * <p>Each {@code ...Issue} method returns {@code null} for a valid value, or else the reason it is invalid,
 * worded to follow "is not valid: ".
 */
final class Formats {

    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_SUBDOMAIN_LENGTH = 253;

    private static final Pattern OBJECT_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]+(?:-+[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*");
    private static final Pattern KIND = Pattern.compile("[a-zA-Z][a-z0-9A-Z]*");
    private static final Pattern VERSION = Pattern.compile("[a-z0-9A-Z]+");

    private static final String OBJECT_NAME_RULE =
            "use letters, digits and the separators '-', '_' and '.', starting and ending with a letter or digit";
    private static final String DNS_LABEL_RULE =
            "use lower-case letters a-z, digits and '-', starting and ending with a letter or digit";

    private Formats() {
    }

    /** Entity names, the name part of label and annotation keys, and link icons. */
    static String objectNameIssue(String value) {
        return lengthAndPattern(value, MAX_NAME_LENGTH, OBJECT_NAME, OBJECT_NAME_RULE);
    }

    /** Label values: the empty string or an object name. */
    static String labelValueIssue(String value) {
        return value.isEmpty() ? null : objectNameIssue(value);
    }

    /** Namespaces and the parts of DNS subdomains. */
    static String dnsLabelIssue(String value) {
        return lengthAndPattern(value, MAX_NAME_LENGTH, DNS_LABEL, DNS_LABEL_RULE);
    }

    static String dnsSubdomainIssue(String value) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_SUBDOMAIN_LENGTH) {
            return "it is " + value.length() + " characters long, but at most " + MAX_SUBDOMAIN_LENGTH
                    + " are allowed";
        }
        for (String part : value.split("\\.", -1)) {
            String issue = dnsLabelIssue(part);
            if (issue != null) {
                return "its part " + Json.quote(part) + " between dots is not a DNS label: " + issue;
            }
        }
        return null;
    }

    /** Label and annotation keys: {@code [dns-subdomain/]object-name}. */
    static String prefixedNameIssue(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            return "it may contain at most one '/', between an optional DNS-subdomain prefix and the name";
        }
        if (parts.length == 2) {
            String prefixIssue = dnsSubdomainIssue(parts[0]);
            if (prefixIssue != null) {
                return "its prefix " + Json.quote(parts[0]) + " is not a DNS subdomain: " + prefixIssue;
            }
            String nameIssue = objectNameIssue(parts[1]);
            return nameIssue == null ? null : "its name part " + Json.quote(parts[1]) + " is not valid: " + nameIssue;
        }
        return objectNameIssue(value);
    }

    static String tagIssue(String value) {
        return lengthAndPattern(value, MAX_NAME_LENGTH, TAG,
                "use lower-case letters a-z, digits and the characters ':', '+' and '#', in groups joined by"
                        + " single '-'");
    }

    static String kindIssue(String value) {
        return lengthAndPattern(value, MAX_NAME_LENGTH, KIND, "start with a letter and use only letters and digits");
    }

    /** API versions: {@code [dns-subdomain/]version}, e.g. {@code backstage.io/v1alpha1}. */
    static String apiVersionIssue(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            return "it may contain at most one '/', between an optional DNS-subdomain group and the version";
        }
        String version = parts[parts.length - 1];
        if (parts.length == 2) {
            String groupIssue = dnsSubdomainIssue(parts[0]);
            if (groupIssue != null) {
                return "its group " + Json.quote(parts[0]) + " is not a DNS subdomain: " + groupIssue;
            }
        }
        String versionIssue = lengthAndPattern(version, MAX_NAME_LENGTH, VERSION, "use only letters and digits");
        return versionIssue == null ? null : "its version " + Json.quote(version) + " is not valid: " + versionIssue;
    }

    private static String lengthAndPattern(String value, int max, Pattern pattern, String rule) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > max) {
            return "it is " + value.length() + " characters long, but at most " + max + " are allowed";
        }
        return pattern.matcher(value).matches() ? null : rule;
    }
}
