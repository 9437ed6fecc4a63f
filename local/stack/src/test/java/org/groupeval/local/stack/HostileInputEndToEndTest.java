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
import java.util.Set;
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
        return inYear(body, YEAR);
    }

    private static ObjectNode inYear(ObjectNode body, int year) throws Exception {
        String sampleYear = "2026";
        return (ObjectNode) JSON.readTree(body.toString().replace(sampleYear + "-", year + "-")
                .replace("\"year\":" + sampleYear, "\"year\":" + year));
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

    /** A bulk panel's sample body naming the one group of the run. */
    private static ObjectNode groupIds(ObjectNode body, String groupId) {
        body.putArray("groupIds").add(groupId);
        return body;
    }

    /** Every route that reads a body, with its sample body, as a caller allowed to use it, about one group. */
    private static List<Target> bodyTargets(String groupId, int year) throws Exception {
        String base = "/groups/" + groupId + "/cycles/" + year;
        ObjectNode extension = inYear(sampleBody("scoring/grant-extension.json"), year).put("groupId", groupId);
        return List.of(
                new Target("POST", "/groups", "CITY", sampleBody("registration/register-group.json")),
                new Target("PUT", "/groups/" + groupId, "SCHOOL", sampleBody("registration/update-group.json"),
                        "If-Match", "\"1\""),
                new Target("POST", "/frameworks/ankang-2022/score", "SCHOOL",
                        sampleBody("registration/score-sheet.json")),
                new Target("POST", "/cycles", "CITY", inYear(sampleBody("scoring/create-cycle.json"), year)),
                new Target("PATCH", "/cycles/" + year, "CITY", inYear(sampleBody("scoring/update-cycle.json"), year),
                        "If-Match", "\"1\""),
                new Target("POST", "/cycles/" + year + "/extensions", "CITY", extension),
                new Target("PUT", base + "/sheets/self", "SCHOOL", sampleBody("scoring/save-sheet.json")),
                new Target("PUT", base + "/panel", "CITY", sampleBody("scoring/assign-panel.json")),
                new Target("PUT", "/cycles/" + year + "/panels", "CITY", groupIds(sampleBody(
                        "scoring/assign-panels.json"), groupId)),
                new Target("POST", "/experts/E01/conflicts", "CITY", sampleBody("scoring/declare-conflict.json")),
                new Target("PUT", base + "/sheets/city/experts/E01", "EXPERT",
                        sampleBody("scoring/save-expert-sheet.json")),
                new Target("POST", base + "/evidence", "SCHOOL", sampleBody("evidence/declare-evidence.json")),
                new Target("PUT", base + "/statement", "SCHOOL", sampleBody("evidence/put-statement.json")));
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

        List<Target> targets = bodyTargets(groupId, YEAR);

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

    /** A list route with {@code limit=1}, the caller its first page is read as, and another caller who may use it. */
    private record Pager(String path, String caller, String other) {
    }

    /**
     * Page tokens are the service's own: on every route that takes {@code nextToken}, a token made up (among them
     * the base64 keys tokens once were), altered, issued to another caller or issued for another route or query is
     * a 400 problem naming {@code /query/nextToken}, never a 5xx; the genuine token still pages on.
     */
    @Test
    void everyRouteThatPagesRefusesMadeUpAlteredAndMisdirectedPageTokens() throws Exception {
        int year = YEAR + 2;   // a cycle of its own
        String city = client.token("role=CITY");
        String district = client.token("role=DISTRICT&district=610931");
        String otherDistrict = client.token("role=DISTRICT&district=610932");
        String school = client.token("role=SCHOOL&school=PGT1");
        String cycle = "{\"year\": " + year + ", \"frameworkId\": \"ankang-2022\"}";
        assertEquals(201, client.send("POST", "/cycles", city, cycle).statusCode());
        String groupId = null;
        for (String core : new String[] {"PGT1", "PGT3"}) {
            ObjectNode group = sampleBody("registration/register-group.json").put("district", "610931");
            ((ObjectNode) group.get("coreSchool")).put("code", core);
            group.putArray("memberSchools").addObject().put("code", core + "M").put("name", "成员校");
            HttpResponse<String> created = client.send("POST", "/groups", city, group.toString());
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).get("groupId").asText();
            groupId = groupId == null ? id : groupId;
            String self = "/groups/" + id + "/cycles/" + year + "/sheets/self";
            HttpResponse<String> saved = client.send("PUT", self, client.token("role=SCHOOL&school=" + core),
                    sampleBody("scoring/save-sheet.json").toString());
            assertEquals(201, saved.statusCode(), saved.body());
        }
        String base = "/groups/" + groupId + "/cycles/" + year;
        for (String material : new String[] {"A01-01", "A01-02"}) {
            HttpResponse<String> declared = client.send("POST", base + "/evidence", school,
                    sampleBody("evidence/declare-evidence.json").put("materialNumber", material).toString());
            assertEquals(201, declared.statusCode(), declared.body());
        }
        assertEquals(201, client.send("POST", "/cycles/" + year + "/rankings", city, null).statusCode());

        List<Pager> pagers = List.of(
                new Pager("/groups?limit=1", district, otherDistrict),
                new Pager("/cycles/" + year + "/results?limit=1", district, otherDistrict),
                new Pager("/cycles/" + year + "/results.csv?limit=1", district, otherDistrict),
                new Pager(base + "/audit?limit=1", district, city),
                new Pager(base + "/evidence?limit=1", school, district));
        List<String> genuine = new ArrayList<>();
        for (Pager pager : pagers) {
            HttpResponse<String> first = client.send("GET", pager.path(), pager.caller(), null);
            assertEquals(200, first.statusCode(), pager.path() + ": " + first.body());
            String token = first.headers().firstValue("X-Next-Token").orElseGet(() -> {
                try {
                    return JSON.readTree(first.body()).path("nextToken").asText(null);
                } catch (Exception e) {
                    throw new AssertionError(first.body(), e);
                }
            });
            assertTrue(token != null && !token.isEmpty(), pager.path() + " has a second page");
            HttpResponse<String> next = client.send("GET", pager.path() + "&nextToken=" + token, pager.caller(), null);
            assertEquals(200, next.statusCode(), pager.path() + " with its own token: " + next.body());
            genuine.add(token);
        }

        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        List<String> madeUp = new ArrayList<>(List.of("cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA", "%25%25%25",
                "%E9%95%BF", "null", "A".repeat(3000)));
        for (String key : new String[] {
                "pk=GROUP#" + groupId + "\u001fsk=GROUP\u001fgsi1pk=DISTRICT#610932\u001fgsi1sk=TRUSTEESHIP#" + groupId,
                "gsi1pk=RESULTS#" + year + "#000001\u001fgsi1sk=0000001#" + groupId + "\u001fpk=GROUP#" + groupId
                        + "\u001fsk=RESULT#" + year + "#000001",
                "pk=CYCLE#" + year + "#GROUP#" + groupId + "#AUDIT\u001fsk=",
                "pk=CYCLE#" + year + "#GROUP#" + groupId + "\u001fsk=EVIDENCE#"}) {
            madeUp.add(base64.encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < pagers.size(); i++) {
            Pager pager = pagers.get(i);
            String token = genuine.get(i);
            Map<String, String> who = new java.util.LinkedHashMap<>();   // nextToken → the caller sending it
            madeUp.forEach(t -> who.put(t, pager.caller()));
            int middle = token.length() / 2;
            who.put(token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
                    + token.substring(middle + 1), pager.caller());                         // altered
            who.put(token.substring(0, token.length() - 1), pager.caller());                // truncated
            who.put(token + "AA", pager.caller());                                          // extended
            for (int j = 0; j < genuine.size(); j++) {
                if (j != i) {
                    who.put(genuine.get(j), pager.caller());                                // another route's
                }
            }
            who.put(token, pager.other());                                                  // another caller's
            who.forEach((bad, caller) -> {
                try {
                    HttpResponse<String> r = client.send("GET", pager.path() + "&nextToken=" + bad, caller, null);
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    String fault = problemFault(r);
                    if (r.statusCode() != 400 || fault != null
                            || !"/query/nextToken".equals(JSON.readTree(r.body()).at("/errors/0/pointer").asText())) {
                        failures.add("GET " + pager.path() + " nextToken=" + abbreviate(bad) + " → " + r.statusCode()
                                + " " + abbreviate(r.body()));
                    }
                } catch (Exception e) {
                    failures.add("GET " + pager.path() + " nextToken=" + abbreviate(bad) + " → " + e);
                }
            });
        }
        System.out.println("hostile page tokens: " + statuses);
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g.\n" + String.join("\n",
                failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(statuses.getOrDefault(400, 0) >= pagers.size() * (madeUp.size() + 8), statuses.toString());
    }

    /** A year of its own for the strictness cases, and the core school of their group. */
    private static final int STRICT_YEAR = YEAR + 3;
    private static final String STRICT_CORE = "HSTSTRICT1";
    private static final String OVER_LONG = "A".repeat(2_100);

    /** The group and cycle of the strictness cases (made once; both methods may come first). */
    private static synchronized String strictGroup(String city, String school) throws Exception {
        HttpResponse<String> cycle = client.send("POST", "/cycles", city,
                inYear(sampleBody("scoring/create-cycle.json"), STRICT_YEAR).toString());
        assertTrue(cycle.statusCode() == 201 || cycle.statusCode() == 409, cycle.body());
        HttpResponse<String> mine = client.send("GET", "/groups?district=610902&limit=500", city, null);
        for (JsonNode g : JSON.readTree(mine.body()).get("items")) {
            if (g.at("/coreSchool/code").asText().equals(STRICT_CORE)) {
                return g.get("groupId").asText();
            }
        }
        ObjectNode group = sampleBody("registration/register-group.json");
        ((ObjectNode) group.get("coreSchool")).put("code", STRICT_CORE);
        group.putArray("memberSchools").addObject().put("code", "HSTSTRICT2").put("name", "成员校");
        HttpResponse<String> created = client.send("POST", "/groups", school, group.toString());
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("groupId").asText();
    }

    /** A value of the right format for each path parameter of the template's routes. */
    private static Map<String, String> wellFormed(String groupId) {
        return Map.of("groupId", groupId, "year", String.valueOf(STRICT_YEAR), "stage", "self", "expertSub", "E01",
                "evidenceId", "ev-" + "0".repeat(26), "frameworkId", "ankang-2022", "revision", "1");
    }

    /** Malformed values of each path parameter, besides {@link #OVER_LONG}. */
    private static final Map<String, List<String>> MALFORMED = Map.of(
            "groupId", List.of("g-missing", "G-01KEXAMP1E0000000000000000", "g-01kexamp1e00000000000000001"),
            "year", List.of("20x6", "1999", "02026"),
            "stage", List.of("judge", "SELF"),
            "expertSub", List.of("E01!", "E 01".replace(" ", "%20")),
            "evidenceId", List.of("ev-short", "A".repeat(1_016), "ev-01jd0a6k3m9v2x7c5b8n4q1r6u"),
            "frameworkId", List.of("-ankang", "ankang.2022"),
            "revision", List.of("0", "1.5", "9999999"));

    /**
     * Every path parameter of every route in template.yaml, in turn over-long (2,100 characters) or malformed, the
     * others well formed, sent by the city and by the group's core school. A malformed value never reaches a table:
     * the answer is 400 naming the parameter, except where the caller could not see what it names anyway: a group id
     * to anyone but the city is 403, as is an evidence id to a caller who may not use the group's evidence route.
     */
    @Test
    void everyPathParameterOverLongOrMalformedIsRefusedBeforeAnyLookup() throws Exception {
        String city = client.token("role=CITY");
        String school = client.token("role=SCHOOL&school=" + STRICT_CORE);
        String groupId = strictGroup(city, school);
        Map<String, String> good = wellFormed(groupId);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int routes = 0;
        for (SamTemplate.Function function : SamTemplate.load().functions()) {
            for (SamTemplate.HttpRoute route : function.routes()) {
                List<String> names = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(route.path());
                while (m.find()) {
                    names.add(m.group(1));
                }
                if (!names.isEmpty()) {
                    routes++;
                }
                for (String name : names) {
                    assertTrue(MALFORMED.containsKey(name), "no malformed values for {" + name + "}");
                    List<String> values = new ArrayList<>(MALFORMED.get(name));
                    values.add(OVER_LONG);
                    for (String value : values) {
                        String path = route.path();
                        for (String other : names) {
                            path = path.replace("{" + other + "}", other.equals(name) ? value : good.get(other));
                        }
                        String body = Set.of("GET", "DELETE").contains(route.method()) ? null : "{}";
                        for (String who : List.of("CITY", "SCHOOL")) {
                            int expected = name.equals("groupId") ? (who.equals("CITY") ? 400 : 403)
                                    : name.equals("evidenceId") && who.equals("CITY")
                                    && route.method().equals("DELETE") ? 403 : 400;
                            HttpResponse<String> r = client.send(route.method(), path, who.equals("CITY") ? city
                                    : school, body);
                            statuses.merge(r.statusCode(), 1, Integer::sum);
                            String fault = problemFault(r);
                            if (fault == null && r.statusCode() != expected) {
                                fault = "not " + expected;
                            }
                            if (fault == null && expected == 400 && !("/path/" + name).equals(
                                    JSON.readTree(r.body()).at("/errors/0/pointer").asText())) {
                                fault = "not naming /path/" + name;
                            }
                            if (fault == null && r.body().length() > 2_000) {
                                fault = "echoing the value";
                            }
                            if (fault != null) {
                                failures.add(who + " " + route.method() + " " + abbreviate(path) + " → "
                                        + r.statusCode() + " " + fault + ": " + abbreviate(r.body()));
                            }
                        }
                    }
                }
            }
        }
        System.out.println("hostile path parameters: " + statuses);
        assertTrue(routes >= 30, routes + " routes with path parameters");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g.\n" + String.join("\n",
                failures.subList(0, Math.min(10, failures.size()))));
    }

    /** Content types a JSON body is never read as (the ones it is read as: application/json, charset utf-8). */
    private static final List<String> NOT_JSON = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/xml", "text/json", "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16", "application/jsonp", "application/problem+json",
            "application/merge-patch+json", "application/octet-stream", "*/*", "");

    /**
     * Every route that reads a body, sent by a caller allowed to use it: a key given twice, a body that is not
     * {@code application/json}, half of a surrogate pair in a text or a key, and over-long ids in the body. Each is
     * refused (400 naming the pointer, or 415) — unless the caller is refused anyway, who gets the 403 the sample
     * body gets: who may act is checked before the body is read.
     */
    @Test
    void duplicateKeysOtherMediaTypesHalfSurrogatesAndOverLongIdsInBodiesAreRefused() throws Exception {
        String city = client.token("role=CITY");
        String school = client.token("role=SCHOOL&school=" + STRICT_CORE);
        String expert = client.token("role=EXPERT&sub=E01");
        Map<String, String> tokens = Map.of("CITY", city, "SCHOOL", school, "EXPERT", expert);
        String groupId = strictGroup(city, school);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int reachedTheBody = 0;
        for (Target target : bodyTargets(groupId, STRICT_YEAR)) {
            String token = tokens.get(target.who());
            int baseline = client.send(target.method(), target.path(), token, target.body().toString(),
                    target.headers()).statusCode();
            boolean refused = baseline == 403;
            reachedTheBody += refused ? 0 : 1;
            List<Case> cases = new ArrayList<>();
            String first = target.body().fieldNames().next();
            String json = target.body().toString();
            cases.add(new Case("a key given twice", "{\"" + first + "\":" + target.body().get(first) + ","
                    + json.substring(1), JSON_TYPE, 400, "/" + first));
            for (String type : NOT_JSON) {
                cases.add(new Case("Content-Type " + type, json, type.isEmpty() ? null : type, 415,
                        "/headers/Content-Type"));
            }
            String text = pointers(target.body(), "").stream()
                    .filter(p -> !p.isEmpty() && target.body().at(p).isTextual()).findFirst().orElseThrow();
            cases.add(new Case("half a surrogate pair at " + text, mutated(target.body(), text,
                    NODES.textNode("@@HALF@@")).replace("@@HALF@@", "\\ud800"), JSON_TYPE, 400, text));
            // a pointer cannot carry half a character: the refusal shows it as U+FFFD
            cases.add(new Case("half a surrogate pair in a key", "{\"a\\udc00b\":1," + json.substring(1),
                    JSON_TYPE, 400, "/a\ufffdb"));
            for (Case c : cases) {
                HttpResponse<String> r = client.send(target.method(), target.path(), token, c.body(),
                        headers(target, c.contentType()));
                statuses.merge(r.statusCode(), 1, Integer::sum);
                int expected = refused ? 403 : c.status();
                String fault = problemFault(r);
                if (fault == null && r.statusCode() != expected) {
                    fault = "not " + expected;
                }
                if (fault == null && !refused && !c.pointer().equals(JSON.readTree(r.body())
                        .at("/errors/0/pointer").asText())) {
                    fault = "not naming " + c.pointer();
                }
                if (fault != null) {
                    failures.add(target.method() + " " + target.path() + " with " + c.what() + " → "
                            + r.statusCode() + " " + fault + ": " + abbreviate(r.body()));
                }
            }
        }
        String base = "/groups/" + groupId + "/cycles/" + STRICT_YEAR;
        ObjectNode statement = sampleBody("evidence/put-statement.json");
        ((ArrayNode) statement.at("/rows/0/evidenceIds")).removeAll().add("a".repeat(10_000));
        ObjectNode extension = inYear(sampleBody("scoring/grant-extension.json"), STRICT_YEAR).put("groupId", OVER_LONG);
        ObjectNode conflict = sampleBody("scoring/declare-conflict.json").put("groupId", OVER_LONG);
        conflict.remove("schoolCode");
        for (Target idInBody : List.of(new Target("PUT", base + "/statement", "SCHOOL", statement),
                new Target("POST", "/cycles/" + STRICT_YEAR + "/extensions", "CITY", extension),
                new Target("POST", "/experts/E01/conflicts", "CITY", conflict))) {
            HttpResponse<String> r = client.send(idInBody.method(), idInBody.path(), tokens.get(idInBody.who()),
                    idInBody.body().toString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String fault = problemFault(r);
            if (fault != null || r.statusCode() != 400 || r.body().length() > 2_000) {
                failures.add(idInBody.method() + " " + idInBody.path() + " with an over-long id → " + r.statusCode()
                        + " " + fault + ": " + abbreviate(r.body()));
            }
        }
        System.out.println("hostile bodies: " + statuses);
        assertTrue(reachedTheBody >= 10, reachedTheBody + " routes read the body");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g.\n" + String.join("\n",
                failures.subList(0, Math.min(10, failures.size()))));
    }

    private record Case(String what, String body, String contentType, int status, String pointer) {
    }

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** The target's headers with this Content-Type (null: none at all). */
    private static String[] headers(Target target, String contentType) {
        List<String> headers = new ArrayList<>(List.of(target.headers()));
        headers.add("Content-Type");
        headers.add(contentType);
        return headers.toArray(new String[0]);
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
