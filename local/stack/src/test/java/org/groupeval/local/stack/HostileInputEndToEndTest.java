package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never crashes a handler: every request body of the sample events, with each of its fields (and the body
 * itself) in turn replaced by a value of the wrong type, an absurd number, an over-long text or removed, sent over
 * HTTP to the local stack by a caller allowed to use the route. Every answer must be a success or a 4xx
 * {@code application/problem+json} whose {@code status} matches; a 5xx or a bare error page fails the test with
 * the request that caused it.
 */
class HostileInputEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path EVENTS = SamTemplate.repoRoot().resolve("events");
    /** A year whose stages are all still ahead, whenever the test runs. */
    private static final int YEAR = Year.now().getValue() + 1;

    @RegisterExtension
    static final StackClient client = new StackClient();

    private static ObjectNode sampleBody(String file) throws Exception {
        return (ObjectNode) JSON.readTree(JSON.readTree(Files.readString(EVENTS.resolve(file))).get("body").asText());
    }

    /** The sample's dates moved into {@link #YEAR}, so that the cycle and its stages are open. */
    private static ObjectNode inYear(ObjectNode body) throws Exception {
        String sampleYear = "2026";
        return (ObjectNode) JSON.readTree(body.toString().replace(sampleYear + "-", YEAR + "-")
                .replace("\"year\":" + sampleYear, "\"year\":" + YEAR));
    }

    /** The hostile values each field takes in turn; {@code null} in this list means "remove the field". */
    private static List<JsonNode> hostileValues() {
        List<JsonNode> values = new ArrayList<>();
        values.add(null);
        values.add(NODES.nullNode());
        values.add(NODES.textNode(""));
        values.add(NODES.textNode("长".repeat(501)));
        values.add(NODES.numberNode(-1));
        values.add(NODES.numberNode(new BigDecimal("1.5")));
        values.add(NODES.numberNode(new BigDecimal("1E+30")));
        values.add(NODES.booleanNode(true));
        values.add(NODES.arrayNode().add(NODES.nullNode()));
        values.add(NODES.objectNode().put("unexpected", 1));
        return values;
    }

    /** Every JSON Pointer in the tree: the root, each member and each element. */
    private static List<String> pointers(JsonNode node, String at) {
        List<String> all = new ArrayList<>();
        all.add(at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> all.addAll(pointers(node.get(name), at + "/" + name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                all.addAll(pointers(node.get(i), at + "/" + i));
            }
        }
        return all;
    }

    private static String mutated(ObjectNode body, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value == null ? "" : value.toString();
        }
        ObjectNode copy = body.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
        return copy.toString();
    }

    private record Target(String method, String path, String who, ObjectNode body, String... headers) {
    }

    @Test
    void everyFieldOfEverySampleBodyTurnedHostileGetsA4xxProblemOrASuccessNeverA5xx() throws Exception {
        String city = client.token("role=CITY");
        String school = client.token("role=SCHOOL&school=HST1");
        String expert = client.token("role=EXPERT&sub=E01");
        Map<String, String> tokens = Map.of("CITY", city, "SCHOOL", school, "EXPERT", expert);

        String cycle = inYear(sampleBody("scoring/create-cycle.json")).toString();
        assertEquals(201, client.send("POST", "/cycles", city, cycle).statusCode());
        ObjectNode group = sampleBody("registration/register-group.json");
        ((ObjectNode) group.get("coreSchool")).put("code", "HST1");
        ArrayNode members = group.putArray("memberSchools");
        members.addObject().put("code", "HST2").put("name", "成员校");
        HttpResponse<String> created = client.send("POST", "/groups", school, group.toString());
        assertEquals(201, created.statusCode(), created.body());
        String groupId = JSON.readTree(created.body()).get("groupId").asText();
        String base = "/groups/" + groupId + "/cycles/" + YEAR;

        ObjectNode extension = inYear(sampleBody("scoring/grant-extension.json")).put("groupId", groupId);
        List<Target> targets = List.of(
                new Target("POST", "/groups", "CITY", sampleBody("registration/register-group.json")),
                new Target("PUT", "/groups/" + groupId, "SCHOOL", sampleBody("registration/update-group.json"),
                        "If-Match", "\"1\""),
                new Target("POST", "/frameworks/ankang-2022/score", "SCHOOL",
                        sampleBody("registration/score-sheet.json")),
                new Target("POST", "/cycles", "CITY", inYear(sampleBody("scoring/create-cycle.json"))),
                new Target("PATCH", "/cycles/" + YEAR, "CITY", inYear(sampleBody("scoring/update-cycle.json")),
                        "If-Match", "\"1\""),
                new Target("POST", "/cycles/" + YEAR + "/extensions", "CITY", extension),
                new Target("PUT", base + "/sheets/self", "SCHOOL", sampleBody("scoring/save-sheet.json")),
                new Target("PUT", base + "/panel", "CITY", sampleBody("scoring/assign-panel.json")),
                new Target("POST", "/experts/E01/conflicts", "CITY", sampleBody("scoring/declare-conflict.json")),
                new Target("PUT", base + "/sheets/city/experts/E01", "EXPERT",
                        sampleBody("scoring/save-expert-sheet.json")),
                new Target("POST", base + "/evidence", "SCHOOL", sampleBody("evidence/declare-evidence.json")),
                new Target("PUT", base + "/statement", "SCHOOL", sampleBody("evidence/put-statement.json")));

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Target target : targets) {
            for (String pointer : pointers(target.body(), "")) {
                for (JsonNode value : hostileValues()) {
                    String body = mutated(target.body(), pointer, value);
                    HttpResponse<String> r = client.send(target.method(), target.path(), tokens.get(target.who()),
                            body, target.headers());
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    String problem = problemFault(r);
                    if (problem != null) {
                        failures.add(target.method() + " " + target.path() + " " + pointer + " = "
                                + (value == null ? "(removed)" : abbreviate(value.toString())) + " → "
                                + r.statusCode() + " " + problem + ": " + abbreviate(r.body()));
                    }
                }
            }
        }
        System.out.println("hostile input: " + statuses);
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g.\n" + String.join("\n",
                failures.subList(0, Math.min(10, failures.size()))));
        // the bodies reached validation (not only the identity or state checks) and some still succeeded
        int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total > 1500, "requests sent: " + statuses);
        assertTrue(statuses.getOrDefault(400, 0) > total / 2, "validation answers: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s < 300), "no success at all: " + statuses);
    }

    /** What is wrong with the answer, or null if it is a success or a proper 4xx problem. */
    private static String problemFault(HttpResponse<String> r) {
        if (r.statusCode() < 400) {
            return null;
        }
        if (r.statusCode() >= 500) {
            return "a fault";
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "not a problem+json";
        }
        try {
            JsonNode problem = JSON.readTree(r.body());
            return problem.path("status").asInt() == r.statusCode() && problem.hasNonNull("type")
                    && problem.hasNonNull("title") ? null : "an incomplete problem";
        } catch (Exception e) {
            return "an unreadable problem";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
