package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One GraphQL query for the profile name and public email of up to {@link #BATCH} users: a member list gives neither,
 * and through REST each is a request of its own (3,000 for an organisation of 3,000 members). Pure: the query text,
 * its variables, the reading of the answer.
 */
final class ProfileLookup {

    static final int BATCH = 100;

    /** What GitHub shows of a user beyond the member list: either may be null (not set, or not public). */
    record Profile(String name, String email) {
    }

    private ProfileLookup() {
    }

    static String query(int logins) {
        StringBuilder declared = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < logins; i++) {
            declared.append(i == 0 ? "" : ", ").append("$l").append(i).append(": String!");
            fields.append(" u").append(i).append(": user(login: $l").append(i).append(") { login name email }");
        }
        return "query(" + declared + ") {" + fields + " }";
    }

    static ObjectNode variables(List<String> logins, ObjectMapper json) {
        ObjectNode variables = json.createObjectNode();
        for (int i = 0; i < logins.size(); i++) {
            variables.put("l" + i, logins.get(i));
        }
        return variables;
    }

    /** The profiles the answer gives, by login as asked; a user it does not give is left out (the caller asks REST). */
    static Map<String, Profile> answers(List<String> logins, JsonNode answer) {
        Map<String, Profile> profiles = new HashMap<>();
        JsonNode data = answer.path("data");
        for (int i = 0; i < logins.size(); i++) {
            JsonNode user = data.get("u" + i);
            if (user != null && user.isObject()) {
                profiles.put(logins.get(i), new Profile(text(user.get("name")), text(user.get("email"))));
            }
        }
        return profiles;
    }

    /** GitHub gives an unset name as null and a private email as "". */
    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
