package io.catalog.graph.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a string parses as an absolute URL, approximating the WHATWG URL parser that Backstage uses
 * ({@code new URL(value)}): a scheme is required; the "special" schemes (http, https, ws, wss, ftp) also need
 * a non-empty host with no forbidden characters and a port of at most 65535; other schemes
 * ({@code mailto:}, {@code urn:}...) accept any remainder.
 */
final class Urls {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*):(.*)", Pattern.DOTALL);
    private static final Set<String> SPECIAL_WITH_HOST = Set.of("http", "https", "ws", "wss", "ftp");
    private static final Pattern PORT = Pattern.compile("[0-9]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    /** Characters that may never appear in a host, percent escapes aside. */
    private static final String FORBIDDEN_HOST = " #/:<>?@[\\]^|%";

    private Urls() {
    }

    static boolean isAbsoluteUrl(String value) {
        String input = stripped(value);
        var scheme = SCHEME.matcher(input);
        if (!scheme.matches()) {
            return false;
        }
        String protocol = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = scheme.group(2);
        if (protocol.equals("file")) {
            return true;
        }
        if (!SPECIAL_WITH_HOST.contains(protocol)) {
            return true;
        }
        int start = 0;
        while (start < rest.length() && (rest.charAt(start) == '/' || rest.charAt(start) == '\\')) {
            start++;
        }
        int end = start;
        while (end < rest.length() && "/\\?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(start, end);
        int at = authority.lastIndexOf('@');
        String hostAndPort = at >= 0 ? authority.substring(at + 1) : authority;
        return isValidHostAndPort(hostAndPort);
    }

    private static boolean isValidHostAndPort(String hostAndPort) {
        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostAndPort.substring(1, close);
            String after = hostAndPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return false;
            }
            port = after.isEmpty() ? "" : after.substring(1);
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                return false;
            }
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
            port = colon >= 0 ? hostAndPort.substring(colon + 1) : "";
            if (host.isEmpty() || !isValidHostName(host)) {
                return false;
            }
        }
        if (!PORT.matcher(port).matches()) {
            return false;
        }
        return port.isEmpty() || port.length() <= 5 && Integer.parseInt(port) <= 65535;
    }

    private static boolean isValidHostName(String host) {
        String withoutEscapes = PERCENT_ESCAPE.matcher(host).replaceAll("x");
        for (int i = 0; i < withoutEscapes.length(); i++) {
            char c = withoutEscapes.charAt(i);
            if (c <= 0x20 || c == 0x7f || FORBIDDEN_HOST.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Like the WHATWG parser: drop leading and trailing C0 controls and spaces, and every tab and newline. */
    private static String stripped(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= 0x20) {
            end--;
        }
        return value.substring(start, end).replaceAll("[\\t\\n\\r]", "");
    }
}
