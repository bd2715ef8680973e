package io.catalog.graph.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** One scrape of {@code /q/metrics} in the Prometheus text format, read the way a dashboard query would read it. */
public final class Metrics {

    /** One series: its name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Sample> samples;

    private Metrics(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    public static Metrics scrape() {
        return of(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A scrape's text, however it was fetched (another instance's, say). */
    public static Metrics of(String text) {
        return new Metrics(text);
    }

    /** The sum of every series of that name whose labels include {@code labels}: a dashboard's {@code sum(...)}. */
    public double sum(String name, String... labels) {
        return series(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public String text() {
        return text;
    }

    /** Every series of that name whose labels include {@code labels} (name, value, name, value...). */
    public List<Sample> series(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    /** The value of the one matching series; null when there is none. */
    public Double value(String name, String... labels) {
        List<Sample> matching = series(name, labels);
        if (matching.size() > 1) {
            throw new IllegalStateException("more than one series " + name + " with " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? null : matching.get(0).value();
    }

    private static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, number(m.group(3))));
        }
        return samples;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
