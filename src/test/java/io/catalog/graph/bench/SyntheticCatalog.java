package io.catalog.graph.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a deterministic synthetic Backstage catalog for ingest benchmarks and tests.
 *
 * <p>The output is a root {@code catalog-info.yaml} holding one Location entity ({@code
 * synthetic-root}) whose {@code spec.targets} list every part file, plus part files {@code
 * part-NNNN/catalog-info.yaml} with about {@value #ENTITIES_PER_FILE} entities each as a
 * multi-document YAML stream. Every reference points at an entity in the same output, names are
 * unique per kind and follow Backstage's naming rules.
 *
 * <p>The output depends only on {@code (entities, seed)}: the same pair always gives the same
 * bytes. Each entity's content comes from its own random stream derived from the seed, its kind
 * and its index, so the content of one entity does not depend on how entities are spread over
 * files. Only {@code java.*} is used, so the class can live in any test source tree.
 */
public final class SyntheticCatalog {

    /** Target number of entities per part file. */
    public static final int ENTITIES_PER_FILE = 200;

    /** Name of the root Location entity. */
    public static final String ROOT_NAME = "synthetic-root";

    static final String API_VERSION = "backstage.io/v1alpha1";
    static final String ROOT_FILE = "catalog-info.yaml";

    // Kind indices, in the order entities are numbered and counted.
    private static final int GROUP = 0;
    private static final int USER = 1;
    private static final int DOMAIN = 2;
    private static final int SYSTEM = 3;
    private static final int RESOURCE = 4;
    private static final int API = 5;
    private static final int COMPONENT = 6;
    private static final String[] KIND_NAMES = {
        "Group", "User", "Domain", "System", "Resource", "API", "Component"
    };

    private static final String[] ADJECTIVES = {
        "amber", "brisk", "cobalt", "crimson", "dapper", "eager", "fleet", "gentle",
        "golden", "hardy", "ivory", "jade", "keen", "lucid", "mellow", "nimble",
        "onyx", "polar", "quiet", "rapid", "rustic", "silver", "steady", "swift",
        "tidal", "umber", "vivid", "wary", "young", "zesty", "coastal", "northern"
    };
    private static final String[] NOUNS = {
        "anchor", "beacon", "cargo", "harbor", "convoy", "depot", "freight", "gantry",
        "hangar", "invoice", "junction", "keel", "ledger", "manifest", "parcel", "pallet",
        "quay", "route", "shipment", "tracker", "voyage", "wharf", "yard", "crane",
        "dock", "fleet", "hub", "lane", "meter", "order", "parcel-scan", "relay"
    };
    private static final String[] FIRST_NAMES = {
        "ada", "bruno", "chioma", "dmitri", "elif", "farah", "goran", "hiro",
        "ines", "jamal", "katja", "liam", "maya", "nikolai", "oona", "pedro",
        "qiu", "rosa", "sven", "tariq", "ulla", "viktor", "wen", "ximena",
        "yusuf", "zara", "aiko", "bjorn", "carla", "dara", "emeka", "freya"
    };
    private static final String[] LAST_NAMES = {
        "abbott", "bauer", "castillo", "dubois", "eriksen", "fischer", "garcia", "hughes",
        "ibrahim", "jensen", "kowalski", "lindqvist", "moreau", "nakamura", "okafor", "petrov",
        "quinn", "rossi", "schmidt", "tanaka", "usman", "varga", "walsh", "xu",
        "yilmaz", "zhang", "andersen", "brennan", "costa", "delgado", "evans", "farouk"
    };
    private static final String[] TAGS = {
        "java", "go", "python", "typescript", "kotlin", "rust", "grpc", "rest",
        "kafka", "postgres", "batch", "realtime", "pii", "critical", "internal", "public",
        "legacy", "c++", "c#", "ml:inference", "tier-1", "tier-2", "cost-center-42", "web"
    };
    private static final String[] VERBS = {
        "Tracks", "Schedules", "Validates", "Aggregates", "Publishes", "Stores",
        "Reconciles", "Routes", "Prices", "Audits", "Forecasts", "Indexes"
    };
    private static final String[] COMPONENT_TYPES = {"service", "website", "library"};
    private static final int[] COMPONENT_TYPE_WEIGHTS = {70, 15, 15};
    private static final String[] LIFECYCLES = {"production", "experimental", "deprecated"};
    private static final int[] LIFECYCLE_WEIGHTS = {75, 18, 7};
    private static final String[] RESOURCE_TYPES = {"database", "s3-bucket", "queue"};
    private static final String[] RESOURCE_SUFFIX = {"db", "bucket", "queue"};
    private static final String[] ENVIRONMENTS = {"production", "staging", "development"};

    private SyntheticCatalog() {
    }

    /** Result of {@link #write}: total entities (root included), files written (root included). */
    public record Summary(int entities, int files, Map<String, Integer> countsByKind) {
    }

    /**
     * Writes exactly {@code entities} entities under {@code dir}: the root Location plus {@code
     * entities - 1} others spread over part files. Existing files with the same names are
     * overwritten; nothing else in {@code dir} is touched.
     */
    public static Summary write(Path dir, int entities, long seed) throws IOException {
        if (entities < 1) {
            throw new IllegalArgumentException("entities must be at least 1 (the root Location)");
        }
        Model model = new Model(entities - 1, seed);
        int others = model.total;
        int files = others == 0 ? 0 : (others + ENTITIES_PER_FILE - 1) / ENTITIES_PER_FILE;
        int[] order = model.fileOrder();

        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder(ENTITIES_PER_FILE * 900);
        for (int f = 0; f < files; f++) {
            int from = (int) ((long) f * others / files);
            int to = (int) ((long) (f + 1) * others / files);
            sb.setLength(0);
            sb.append("# Synthetic catalog part ").append(f).append(" of ").append(files)
                    .append(" (seed ").append(seed).append(")\n");
            for (int i = from; i < to; i++) {
                if (i > from) {
                    sb.append("---\n");
                }
                model.appendEntity(sb, order[i]);
            }
            Path file = dir.resolve(partDir(f)).resolve(ROOT_FILE);
            Files.createDirectories(file.getParent());
            Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        sb.setLength(0);
        sb.append("# Synthetic catalog root: ").append(entities).append(" entities in ")
                .append(files).append(" part files (seed ").append(seed).append(")\n");
        sb.append("apiVersion: ").append(API_VERSION).append('\n');
        sb.append("kind: Location\n");
        sb.append("metadata:\n");
        sb.append("  name: ").append(ROOT_NAME).append('\n');
        sb.append("  description: Root of a synthetic catalog with ").append(entities)
                .append(" entities.\n");
        sb.append("spec:\n");
        if (files == 0) {
            sb.append("  targets: []\n");
        } else {
            sb.append("  targets:\n");
            for (int f = 0; f < files; f++) {
                sb.append("    - ./").append(partDir(f)).append('/').append(ROOT_FILE).append('\n');
            }
        }
        Files.write(dir.resolve(ROOT_FILE), sb.toString().getBytes(StandardCharsets.UTF_8));

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Location", 1);
        for (int k = 0; k < KIND_NAMES.length; k++) {
            counts.put(KIND_NAMES[k], model.count[k]);
        }
        return new Summary(entities, files + 1, Collections.unmodifiableMap(counts));
    }

    /**
     * Changes the description of the first entity in part file {@code fileIndex} and returns
     * that file's path. Each call gives a new description ({@code "... (touched N)"}), so
     * repeated calls keep changing the file. Everything else in the file stays as it was.
     */
    public static Path touch(Path dir, int fileIndex) throws IOException {
        Path file = dir.resolve(partDir(fileIndex)).resolve(ROOT_FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String key = "\n  description: ";
        int start = text.indexOf(key);
        if (start < 0) {
            throw new IOException("no metadata.description in " + file);
        }
        start += key.length();
        int end = text.indexOf('\n', start);
        String description = text.substring(start, end);
        String marker = " (touched ";
        int m = description.lastIndexOf(marker);
        String updated;
        if (m >= 0 && description.endsWith(")")) {
            int n = Integer.parseInt(description.substring(m + marker.length(), description.length() - 1));
            updated = description.substring(0, m) + marker + (n + 1) + ")";
        } else {
            updated = description + marker + "1)";
        }
        String result = text.substring(0, start) + updated + text.substring(end);
        Files.write(file, result.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** {@code <dir> <entities> [seed]}: writes a catalog and prints its summary. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SyntheticCatalog <dir> <entities> [seed]");
            System.exit(2);
            return;
        }
        Path dir = Path.of(args[0]);
        int entities = Integer.parseInt(args[1]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : 1L;
        long t0 = System.nanoTime();
        Summary summary = write(dir, entities, seed);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(summary);
        System.out.println("wrote " + summary.entities() + " entities in " + summary.files()
                + " files under " + dir.toAbsolutePath() + " in " + ms + " ms");
    }

    static String partDir(int fileIndex) {
        String digits = Integer.toString(fileIndex);
        StringBuilder sb = new StringBuilder("part-");
        for (int i = digits.length(); i < 4; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** The counts, names and fixed relationships of one catalog; content is derived per entity. */
    private static final class Model {
        final long seed;
        final int[] count = new int[KIND_NAMES.length];
        final int[] offset = new int[KIND_NAMES.length];
        final int total;
        final int departments;
        final int teams;
        final int[] teamParent;
        final int[][] departmentChildren;
        final long[] wordSeed = new long[KIND_NAMES.length];

        Model(int others, long seed) {
            this.seed = seed;
            int n = others;
            count[GROUP] = n >= 1 ? Math.max(1, n * 2 / 100) : 0;
            count[DOMAIN] = n >= 2 ? Math.max(1, n / 100) : 0;
            count[SYSTEM] = n >= 3 ? Math.max(1, n * 3 / 100) : 0;
            count[USER] = n / 10;
            count[API] = n / 5;
            count[RESOURCE] = n * 9 / 100;
            int rest = n - count[GROUP] - count[DOMAIN] - count[SYSTEM] - count[USER]
                    - count[API] - count[RESOURCE];
            // Only tiny catalogs can overshoot; take the excess back from the optional kinds.
            for (int k : new int[] {USER, RESOURCE, API}) {
                if (rest < 0) {
                    int take = Math.min(count[k], -rest);
                    count[k] -= take;
                    rest += take;
                }
            }
            count[COMPONENT] = rest;
            int sum = 0;
            for (int k = 0; k < count.length; k++) {
                offset[k] = sum;
                sum += count[k];
            }
            total = sum;

            for (int k = 0; k < wordSeed.length; k++) {
                wordSeed[k] = mix(seed * 0x9E3779B97F4A7C15L + k * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
            }

            // Groups 0..departments-1 are departments, the rest teams; each team has a department.
            int g = count[GROUP];
            departments = g == 0 ? 0 : Math.max(1, g / 8);
            teams = g - departments;
            teamParent = new int[teams];
            int[] childCount = new int[departments];
            Rng rng = new Rng(mix(seed ^ 0x5DEECE66DL));
            for (int t = 0; t < teams; t++) {
                // The first teams cover every department once, so none is left empty.
                int d = t < departments ? t : rng.nextInt(departments);
                teamParent[t] = d;
                childCount[d]++;
            }
            departmentChildren = new int[departments][];
            for (int d = 0; d < departments; d++) {
                departmentChildren[d] = new int[childCount[d]];
                childCount[d] = 0;
            }
            for (int t = 0; t < teams; t++) {
                int d = teamParent[t];
                departmentChildren[d][childCount[d]++] = departments + t;
            }
        }

        /** A seeded permutation of all non-root entities, which spreads kinds over the files. */
        int[] fileOrder() {
            int[] order = new int[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            Rng rng = new Rng(mix(seed ^ 0x2545F4914F6CDD1DL));
            for (int i = total - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            return order;
        }

        Rng rngFor(int kind, int index) {
            return new Rng(mix(seed + 0x632BE59BD9B4E019L * (kind + 1)) ^ mix(index + 0x9E3779B97F4A7C15L));
        }

        /** Seed-dependent word for a name part; the index keeps the whole name unique. */
        String word(String[] words, int kind, int index, int salt) {
            long h = mix(wordSeed[kind] + index * 0x9E3779B97F4A7C15L + salt);
            return words[(int) ((h >>> 33) % words.length)];
        }

        String name(int kind, int i) {
            switch (kind) {
                case GROUP:
                    if (i < departments) {
                        return word(NOUNS, kind, i, 1) + "-department-" + i;
                    }
                    return word(ADJECTIVES, kind, i, 1) + "-" + word(NOUNS, kind, i, 2) + "-team-" + i;
                case USER:
                    return word(FIRST_NAMES, kind, i, 1) + "." + word(LAST_NAMES, kind, i, 2) + i;
                case DOMAIN:
                    return word(NOUNS, kind, i, 1) + "-domain-" + i;
                case SYSTEM:
                    return word(ADJECTIVES, kind, i, 1) + "-" + word(NOUNS, kind, i, 2) + "-system-" + i;
                case RESOURCE:
                    return word(NOUNS, kind, i, 1) + "-" + i + "-" + RESOURCE_SUFFIX[resourceType(i)];
                case API:
                    return word(ADJECTIVES, kind, i, 1) + "-" + word(NOUNS, kind, i, 2) + "-api-" + i;
                case COMPONENT:
                    return word(ADJECTIVES, kind, i, 1) + "-" + word(NOUNS, kind, i, 2) + "-" + i;
                default:
                    throw new IllegalArgumentException("kind " + kind);
            }
        }

        int resourceType(int i) {
            long h = mix(wordSeed[RESOURCE] ^ (i * 0xD6E8FEB86659FD93L));
            int r = (int) ((h >>> 33) % 100);
            return r < 45 ? 0 : r < 75 ? 1 : 2;
        }

        /** A team if there are any, else any group. */
        int ownerGroup(Rng rng) {
            return teams > 0 ? departments + rng.nextInt(teams) : rng.nextInt(count[GROUP]);
        }

        void appendEntity(StringBuilder sb, int global) {
            int kind = COMPONENT;
            while (global < offset[kind]) {
                kind--;
            }
            int i = global - offset[kind];
            Rng rng = rngFor(kind, i);
            String name = name(kind, i);
            sb.append("apiVersion: ").append(API_VERSION).append('\n');
            sb.append("kind: ").append(KIND_NAMES[kind]).append('\n');
            sb.append("metadata:\n");
            sb.append("  name: ").append(name).append('\n');
            appendDescription(sb, kind, rng);
            if (kind != USER) {
                appendTags(sb, rng);
            }
            if (kind == COMPONENT || kind == API || kind == RESOURCE || kind == SYSTEM) {
                sb.append("  labels:\n");
                sb.append("    synthetic.example/tier: tier-").append(1 + rng.nextInt(3)).append('\n');
                if (rng.nextInt(2) == 0) {
                    sb.append("    environment: ").append(ENVIRONMENTS[rng.nextInt(ENVIRONMENTS.length)]).append('\n');
                }
                sb.append("  annotations:\n");
                sb.append("    github.com/project-slug: synthetic-org/").append(name).append('\n');
                if (rng.nextInt(4) == 0) {
                    sb.append("  links:\n");
                    sb.append("    - url: https://docs.synthetic.example/").append(name).append('\n');
                    sb.append("      title: Documentation\n");
                }
            }
            sb.append("spec:\n");
            switch (kind) {
                case GROUP -> appendGroupSpec(sb, i, name);
                case USER -> appendUserSpec(sb, i, name, rng);
                case DOMAIN -> appendDomainSpec(sb, rng);
                case SYSTEM -> appendSystemSpec(sb, rng);
                case RESOURCE -> appendResourceSpec(sb, i, rng);
                case API -> appendApiSpec(sb, i, rng);
                default -> appendComponentSpec(sb, i, rng);
            }
        }

        void appendDescription(StringBuilder sb, int kind, Rng rng) {
            sb.append("  description: ");
            switch (kind) {
                case GROUP -> sb.append("Synthetic group responsible for ")
                        .append(NOUNS[rng.nextInt(NOUNS.length)]).append(" work.\n");
                case USER -> sb.append("Synthetic engineer working on ")
                        .append(NOUNS[rng.nextInt(NOUNS.length)]).append(" systems.\n");
                default -> sb.append(VERBS[rng.nextInt(VERBS.length)]).append(' ')
                        .append(ADJECTIVES[rng.nextInt(ADJECTIVES.length)]).append(' ')
                        .append(NOUNS[rng.nextInt(NOUNS.length)]).append(" data for the ")
                        .append(NOUNS[rng.nextInt(NOUNS.length)]).append(" business.\n");
            }
        }

        void appendTags(StringBuilder sb, Rng rng) {
            int n = 1 + rng.nextInt(3);
            sb.append("  tags:\n");
            int first = rng.nextInt(TAGS.length);
            int step = 1 + rng.nextInt(TAGS.length - 1);
            for (int t = 0; t < n; t++) {
                // Stepping by a non-zero stride gives distinct tags unless the stride wraps
                // back to the first one (possible on the third tag), which the check catches.
                String tag = TAGS[(first + t * step) % TAGS.length];
                if (t > 0 && tag.equals(TAGS[first])) {
                    break;
                }
                sb.append("    - \"").append(tag).append("\"\n");
            }
        }

        void appendGroupSpec(StringBuilder sb, int i, String name) {
            boolean department = i < departments;
            sb.append("  type: ").append(department ? "department" : "team").append('\n');
            sb.append("  profile:\n");
            sb.append("    displayName: ").append(name).append('\n');
            sb.append("    email: ").append(name).append("@synthetic.example\n");
            if (department) {
                int[] children = departmentChildren[i];
                if (children.length == 0) {
                    sb.append("  children: []\n");
                } else {
                    sb.append("  children:\n");
                    for (int c : children) {
                        sb.append("    - ").append(name(GROUP, c)).append('\n');
                    }
                }
            } else {
                sb.append("  parent: ").append(name(GROUP, teamParent[i - departments])).append('\n');
                sb.append("  children: []\n");
            }
        }

        void appendUserSpec(StringBuilder sb, int i, String name, Rng rng) {
            sb.append("  profile:\n");
            sb.append("    displayName: ");
            appendCapitalized(sb, word(FIRST_NAMES, USER, i, 1)).append(' ');
            appendCapitalized(sb, word(LAST_NAMES, USER, i, 2)).append('\n');
            sb.append("    email: ").append(name).append("@synthetic.example\n");
            sb.append("  memberOf:\n");
            int first = ownerGroup(rng);
            sb.append("    - ").append(name(GROUP, first)).append('\n');
            if (count[GROUP] > 1 && rng.nextInt(10) == 0) {
                int second = rng.nextInt(count[GROUP]);
                if (second != first) {
                    sb.append("    - ").append(name(GROUP, second)).append('\n');
                }
            }
        }

        void appendDomainSpec(StringBuilder sb, Rng rng) {
            // Domains belong to departments.
            int owner = departments > 0 ? rng.nextInt(departments) : rng.nextInt(count[GROUP]);
            sb.append("  owner: group:").append(name(GROUP, owner)).append('\n');
        }

        void appendSystemSpec(StringBuilder sb, Rng rng) {
            sb.append("  owner: group:").append(name(GROUP, ownerGroup(rng))).append('\n');
            sb.append("  domain: ").append(name(DOMAIN, rng.nextInt(count[DOMAIN]))).append('\n');
        }

        void appendOwnerAndSystem(StringBuilder sb, Rng rng) {
            sb.append("  owner: group:").append(name(GROUP, ownerGroup(rng))).append('\n');
            if (count[SYSTEM] > 0) {
                sb.append("  system: ").append(name(SYSTEM, rng.nextInt(count[SYSTEM]))).append('\n');
            }
        }

        void appendResourceSpec(StringBuilder sb, int i, Rng rng) {
            sb.append("  type: ").append(RESOURCE_TYPES[resourceType(i)]).append('\n');
            appendOwnerAndSystem(sb, rng);
            // A few resources depend on an earlier one (a replica on its primary, say); no cycles.
            if (i > 0 && rng.nextInt(10) == 0) {
                sb.append("  dependsOn:\n");
                sb.append("    - resource:").append(name(RESOURCE, rng.nextInt(i))).append('\n');
            }
        }

        void appendApiSpec(StringBuilder sb, int i, Rng rng) {
            sb.append("  type: openapi\n");
            sb.append("  lifecycle: ").append(pick(LIFECYCLES, LIFECYCLE_WEIGHTS, rng)).append('\n');
            appendOwnerAndSystem(sb, rng);
            String noun = NOUNS[rng.nextInt(NOUNS.length)];
            sb.append("  definition: |\n");
            sb.append("    openapi: 3.0.3\n");
            sb.append("    info:\n");
            sb.append("      title: ").append(name(API, i)).append('\n');
            sb.append("      version: 1.").append(rng.nextInt(20)).append(".0\n");
            sb.append("    paths:\n");
            sb.append("      /").append(noun).append("s/{id}:\n");
            sb.append("        get:\n");
            sb.append("          summary: Get one ").append(noun).append('\n');
            sb.append("          parameters:\n");
            sb.append("            - name: id\n");
            sb.append("              in: path\n");
            sb.append("              required: true\n");
            sb.append("              schema:\n");
            sb.append("                type: string\n");
            sb.append("          responses:\n");
            sb.append("            \"200\":\n");
            sb.append("              description: The ").append(noun).append('\n');
            sb.append("            \"404\":\n");
            sb.append("              description: Not found\n");
        }

        void appendComponentSpec(StringBuilder sb, int i, Rng rng) {
            sb.append("  type: ").append(pick(COMPONENT_TYPES, COMPONENT_TYPE_WEIGHTS, rng)).append('\n');
            sb.append("  lifecycle: ").append(pick(LIFECYCLES, LIFECYCLE_WEIGHTS, rng)).append('\n');
            appendOwnerAndSystem(sb, rng);
            if (i > 0 && rng.nextInt(30) == 0) {
                // Only earlier components, so subcomponentOf never forms a cycle.
                sb.append("  subcomponentOf: ").append(name(COMPONENT, rng.nextInt(i))).append('\n');
            }
            int apis = count[API];
            if (apis > 0) {
                appendDistinct(sb, "providesApis", rng.nextInt(3), apis, -1, rng, API, false);
                appendDistinct(sb, "consumesApis", rng.nextInt(4), apis, -1, rng, API, false);
            }
            // dependsOn draws from components (other than this one) and resources.
            int pool = count[COMPONENT] - 1 + count[RESOURCE];
            if (pool > 0) {
                appendDistinct(sb, "dependsOn", rng.nextInt(4), pool, i, rng, -1, true);
            }
        }

        /**
         * Appends a list of up to {@code n} distinct refs drawn from {@code 0..pool-1}. For
         * dependsOn ({@code mixed}), draws below {@code count[RESOURCE]} are resources and the
         * rest components with {@code self} skipped; refs then carry an explicit kind.
         */
        void appendDistinct(StringBuilder sb, String field, int n, int pool, int self, Rng rng,
                int kind, boolean mixed) {
            n = Math.min(n, pool);
            if (n == 0) {
                return;
            }
            int[] picked = new int[n];
            int got = 0;
            for (int attempt = 0; got < n && attempt < n * 4; attempt++) {
                int v = rng.nextInt(pool);
                boolean dup = false;
                for (int p = 0; p < got; p++) {
                    dup |= picked[p] == v;
                }
                if (!dup) {
                    picked[got++] = v;
                }
            }
            sb.append("  ").append(field).append(":\n");
            for (int p = 0; p < got; p++) {
                int v = picked[p];
                sb.append("    - ");
                if (!mixed) {
                    sb.append(name(kind, v));
                } else if (v < count[RESOURCE]) {
                    sb.append("resource:").append(name(RESOURCE, v));
                } else {
                    int c = v - count[RESOURCE];
                    if (c >= self) {
                        c++;
                    }
                    sb.append("component:").append(name(COMPONENT, c));
                }
                sb.append('\n');
            }
        }

        static StringBuilder appendCapitalized(StringBuilder sb, String word) {
            return sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }

        static String pick(String[] values, int[] weights, Rng rng) {
            int r = rng.nextInt(100);
            for (int k = 0; k < values.length; k++) {
                r -= weights[k];
                if (r < 0) {
                    return values[k];
                }
            }
            return values[values.length - 1];
        }
    }

    /** SplitMix64 finaliser: spreads the bits of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Small SplitMix64 generator, so the output never depends on a JDK implementation. */
    private static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        int nextInt(int bound) {
            // Multiply-shift on the top 32 bits; the tiny bias does not matter here.
            return (int) (((nextLong() >>> 32) * bound) >>> 32);
        }
    }
}
