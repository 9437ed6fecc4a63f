package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.SamplePdf;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code local/run --demo}: a realistic city for cycle 2026, made through the real HTTP API of the running stack,
 * exactly as its users would (docs/api.md): the city opens the cycle; 60 groups of every type in three districts of
 * Ankang register; each core school files evidence and submits its self-assessment; each district reviews and
 * recommends; the city reviews the recommended groups (one veto, one fraud case, two groups tied at the GOOD award
 * cutoff), runs the ranking, publishes it, and the ranking table is printed.
 *
 * <p>Scores are produced by real sheet inputs of framework ankang-2022: every COMPLETION_RATIO indicator at ratio
 * r, A04 at target, A11 all EXCELLENT, A18 at r × 100 %, so the total is 15 + 85 r; identical inputs give identical
 * totals, which is how the ties are made.
 */
public final class DemoCity {

    static final int YEAR = 2026;
    /** Groups seeded at once (the stack's seeding server has 8 threads). */
    private static final int SEEDERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RATIO_INDICATORS = List.of("A01", "A02", "A03", "A05", "A06", "A07", "A08",
            "A09", "A10", "A12", "A13", "A14", "A15", "A16", "A17");
    private static final String[][] DISTRICTS = {
            {"610902", "汉滨区"}, {"610921", "汉阴县"}, {"610922", "石泉县"}};
    private static final String[] TYPES = {"INTEGRATED", "TRUSTEESHIP", "COLLABORATIVE", "TRUSTEESHIP",
            "COLLABORATIVE", "CLOSE", "ALLIANCE"};
    private static final String[] NAMES = {"实验", "育才", "启明", "东城", "西城", "南山", "北坪", "江北", "新城",
            "文昌", "香溪", "安康", "长春", "兴安", "恒口", "五里", "关庙", "瀛湖", "吉河", "大同"};

    /** One demo group: the city score it will get, and how its year goes. */
    record Plan(String district, String districtName, int index, String type, String cityScore, boolean recommended,
                boolean submitsNothing, boolean veto, boolean fraud) {
    }

    private final String base;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String cityToken;

    public DemoCity(String baseUrl, PrintStream out) {
        this.base = baseUrl;
        this.out = out;
    }

    /** The year as planned: 60 groups, grades of every kind, a veto, a fraud case, a tie at the GOOD cutoff. */
    static List<Plan> plans() {
        List<Plan> plans = new ArrayList<>();
        // 20 groups per district; scores chosen so that every grade occurs, two GOOD groups tie at the cutoff
        String[][] scores = {
                // district 610902
                {"96.5", "94", "92.25", "90", "89", "87.5", "86", "86", "84", "83", "81", "80", "78", "75", "72.5",
                        "68", "64", "61", "55", "-"},
                // district 610921
                {"95", "93.5", "91", "88.5", "87", "85.5", "84.5", "82", "80.5", "79", "77", "74", "70", "66", "62",
                        "60", "58", "52", "48", "-"},
                // district 610922
                {"97", "93", "90.5", "89.5", "88", "85", "83.5", "82.5", "81.5", "80", "78.5", "76", "73", "69",
                        "65", "63", "61.5", "57", "50", "45"}};
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < 20; i++) {
                String score = scores[d][i];
                boolean nothing = score.equals("-");
                boolean fail = !nothing && new BigDecimal(score).compareTo(BigDecimal.valueOf(60)) < 0;
                // the districts keep two PASS groups for themselves (not recommended)
                boolean keptByDistrict = (d == 1 && i == 15) || (d == 2 && i == 16);
                boolean veto = d == 0 && i == 4;       // 89 → FAIL
                boolean fraud = d == 2 && i == 0;      // 97 → capped at GOOD, no award
                plans.add(new Plan(DISTRICTS[d][0], DISTRICTS[d][1], i, TYPES[(i + d) % TYPES.length],
                        nothing ? null : score, !nothing && !fail && !keptByDistrict, nothing, veto, fraud));
            }
        }
        return plans;
    }

    /** A demo identity the local sign-in page offers: a district, or a core school of a district. */
    record Identity(String district, String school, String label) {
    }

    /** The demo city's districts and core schools (their codes as {@link #run} registers them). */
    static List<Identity> identities() {
        List<Identity> ids = new ArrayList<>();
        for (String[] d : DISTRICTS) {
            ids.add(new Identity(d[0], null, d[0] + " " + d[1]));
        }
        for (Plan p : plans()) {
            String core = coreSchool(p);
            ids.add(new Identity(p.district(), core, core + "（" + p.districtName() + "）"));
        }
        return ids;
    }

    static String coreSchool(Plan p) {
        return String.format("AK%s%02d", p.district().substring(3), p.index());
    }

    public void run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        cityToken = token("role=CITY&sub=demo-city");
        openCycle();
        List<Plan> plans = plans();
        // the groups' years are independent of each other: a few at a time, as many users would
        ExecutorService seeders = Executors.newFixedThreadPool(SEEDERS);
        int evidence = 0;
        try {
            List<Future<Integer>> filed = new ArrayList<>();
            for (Plan p : plans) {
                filed.add(seeders.submit(() -> seed(p)));
            }
            for (Future<Integer> f : filed) {
                evidence += f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("demo: seeding a group failed", e.getCause());
        } finally {
            seeders.shutdownNow();
        }
        out.printf("demo: cycle %d, %d groups in %d districts, %d evidence files, sheets submitted%n", YEAR,
                plans.size(), DISTRICTS.length, evidence);
        JsonNode run = call("POST", "/cycles/" + YEAR + "/rankings", cityToken, null, 201, 200);
        int revision = run.get("revision").asInt();
        // the demo's stages close days from now: the city publishes anyway, and the publication records it
        call("POST", "/cycles/" + YEAR + "/rankings/" + revision + "/publish?allowOpenStages=true", cityToken, null,
                200);
        printTable(run, revision);
        out.printf("demo seeded, ranked and published in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    /** One group's year: registered, and unless it submits nothing, its evidence and sheets; the files it filed. */
    private int seed(Plan p) throws IOException, InterruptedException {
        String core = coreSchool(p);
        String groupId = register(p, core);
        if (p.submitsNothing()) {
            return 0;
        }
        String school = token("role=SCHOOL&school=" + core + "&sub=demo-" + core);
        String district = token("role=DISTRICT&district=" + p.district() + "&sub=demo-d" + p.district());
        int evidence = fileEvidence(groupId, school);
        int schools = 1 + memberCount(p);
        BigDecimal city = new BigDecimal(p.cityScore());
        BigDecimal self = city.add(BigDecimal.valueOf(3)).min(BigDecimal.valueOf(100));
        BigDecimal districtScore = city.add(BigDecimal.ONE).min(BigDecimal.valueOf(100));
        saveAndSubmit(groupId, "self", school, sheet(self, schools, null, null), null);
        saveAndSubmit(groupId, "district", district, sheet(districtScore, schools, null, null), p.recommended());
        if (p.recommended()) {
            saveAndSubmit(groupId, "city", cityToken, sheet(city, schools,
                    p.veto() ? "校园安全责任事故，校长被问责" : null,
                    p.fraud() ? "教师交流数据与人事档案不符" : null), null);
        }
        return evidence;
    }


    private void openCycle() throws IOException, InterruptedException {
        // the stages must still be open now, so the demo's deadlines lie a few days ahead of today
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode cycle = JSON.createObjectNode();
        cycle.put("year", YEAR);
        cycle.put("frameworkId", "ankang-2022");
        cycle.put("frameworkVersion", "1");
        ObjectNode deadlines = cycle.putObject("deadlines");
        deadlines.put("self", now.plusDays(1).toString());
        deadlines.put("district", now.plusDays(2).toString());
        deadlines.put("city", now.plusDays(3).toString());
        cycle.put("rankingAt", now.plusDays(4).toString());
        cycle.putObject("award").put("ratio", 0.30).put("scope", "PER_GRADE").put("tiePolicy", "NONE_AT_CUTOFF");
        cycle.putObject("panel").put("required", false);
        HttpResponse<String> r = send("POST", "/cycles", cityToken, cycle.toString(), Map.of());
        if (r.statusCode() == 409) {
            throw new IllegalStateException("cycle " + YEAR + " already exists: the demo seeds an empty stack "
                    + "(start it without --data, or with an empty data directory)");
        }
        expect(r, "POST /cycles", 201);
    }

    private String register(Plan p, String core) throws IOException, InterruptedException {
        ObjectNode g = JSON.createObjectNode();
        String name = p.districtName() + NAMES[p.index()] + "教育集团";
        g.put("name", name);
        g.put("type", p.type());
        g.put("district", p.district());
        g.putObject("coreSchool").put("code", core).put("name", p.districtName() + NAMES[p.index()] + "中学");
        ArrayNode members = g.putArray("memberSchools");
        for (int m = 1; m <= memberCount(p); m++) {
            members.addObject().put("code", core + "M" + m)
                    .put("name", p.districtName() + NAMES[p.index()] + "第" + m + "成员学校");
        }
        return call("POST", "/groups", cityToken, g.toString(), 201).get("groupId").asText();
    }

    static int memberCount(Plan p) {
        return 2 + p.index() % 2;
    }

    /** Two evidence files per group (a work statement and a meeting record), declared and uploaded. */
    private int fileEvidence(String groupId, String school) throws IOException, InterruptedException {
        int filed = 0;
        for (String[] doc : new String[][]{{"A01", "集团章程及管理制度汇编", "1"}, {"A03", "集团例会会议纪要", "2"}}) {
            byte[] content = SamplePdf.titled("demo evidence " + groupId + " " + doc[1]);
            ObjectNode declaration = JSON.createObjectNode();
            declaration.put("indicatorId", doc[0]);
            declaration.put("title", doc[1]);
            declaration.put("materialNumber", doc[2]);
            declaration.put("fileName", doc[0] + "-" + doc[2] + ".pdf");
            declaration.put("contentType", "application/pdf");
            declaration.put("size", content.length);
            declaration.put("sha256", sha256(content));
            JsonNode declared = call("POST", "/groups/" + groupId + "/cycles/" + YEAR + "/evidence", school,
                    declaration.toString(), 201);
            HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(declared.get("uploadUrl").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
            declared.path("uploadHeaders").fields().forEachRemaining(h -> {
                if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                    upload.header(h.getKey(), h.getValue().asText());
                }
            });
            HttpResponse<String> uploaded = http.send(upload.build(), HttpResponse.BodyHandlers.ofString());
            if (uploaded.statusCode() / 100 != 2) {
                throw new IllegalStateException("evidence upload for " + groupId + " answered "
                        + uploaded.statusCode() + ": " + uploaded.body());
            }
            filed++;
        }
        return filed;
    }

    /**
     * Sheet inputs of ankang-2022 whose total is 15 + 85 r (see the class comment), with r = (score − 14.9) / 85:
     * the 0.1 margin outweighs the per-indicator rounding (16 indicators × ±0.005), so a planned 90 stays ≥ 90.
     */
    static ObjectNode sheet(BigDecimal score, int schools, String vetoReason, String fraudReason) {
        BigDecimal r = score.subtract(new BigDecimal("14.9")).divide(BigDecimal.valueOf(85), 6, RoundingMode.HALF_UP)
                .max(BigDecimal.ZERO).min(BigDecimal.ONE);
        ObjectNode sheet = JSON.createObjectNode();
        ObjectNode indicators = sheet.putObject("indicators");
        for (String id : RATIO_INDICATORS) {
            indicators.putObject(id).put("ratio", r);
        }
        indicators.putObject("A04").put("exchangeRatio", 0.12).put("backboneRatio", 0.25);
        ArrayNode grades = indicators.putObject("A11").putArray("grades");
        for (int i = 0; i < schools; i++) {
            grades.add("EXCELLENT");   // one teaching-quality grade per school of the group
        }
        indicators.putObject("A18").put("percent", r.movePointRight(2));
        if (vetoReason != null) {
            sheet.putObject("veto").put("applied", true).put("reason", vetoReason);
        }
        if (fraudReason != null) {
            sheet.putObject("fraud").put("applied", true).put("reason", fraudReason);
        }
        return sheet;
    }

    private void saveAndSubmit(String groupId, String stage, String token, ObjectNode sheet, Boolean recommend)
            throws IOException, InterruptedException {
        String path = "/groups/" + groupId + "/cycles/" + YEAR + "/sheets/" + stage;
        call("PUT", path, token, sheet.toString(), 201, 200);
        String body = recommend == null ? null : JSON.createObjectNode().put("recommend", recommend).toString();
        call("POST", path + "/submit", token, body, 200, 201);
    }

    private void printTable(JsonNode run, int revision) throws IOException, InterruptedException {
        out.println();
        out.printf("Ranking %d, revision %d (published): %s groups, awarded %s, senior-post bonuses %s%n", YEAR,
                revision, run.path("counts").path("groups").asText(), run.path("counts").path("awarded").asText(),
                run.path("counts").path("seniorPostBonuses").asText());
        out.println("by grade " + run.path("counts").path("byGrade") + ", cutoffs " + run.path("cutoffs")
                + ", ties at cutoff " + run.path("tiesAtCutoff"));
        out.println();
        // group names and the district heading are Chinese: padded by the columns a terminal gives them
        out.printf("%4s %4s  %s %s %-13s %7s  %-9s %-5s %-5s %s%n", "rank", "dist", DisplayWidth.pad("group", 22),
                DisplayWidth.pad("区", 7), "type", "score", "grade", "award", "bonus", "flags");
        String token = null;
        do {
            String path = "/cycles/" + YEAR + "/results?limit=500"
                    + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode page = call("GET", path, cityToken, null, 200);
            for (JsonNode r : page.get("items")) {
                out.printf("%4d %4d  %s %s %-13s %7s  %-9s %-5s %-5s %s%n", r.get("rank").asInt(),
                        r.get("districtRank").asInt(), DisplayWidth.pad(r.path("name").asText(), 22),
                        DisplayWidth.pad(r.get("district").asText(), 7),
                        r.get("groupType").asText(), r.hasNonNull("score")
                                ? r.get("score").decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString() : "—",
                        r.get("grade").asText(), r.get("award").asBoolean() ? "yes" : "",
                        r.get("seniorPostBonus").asBoolean() ? "+5%" : "", r.get("flags").toString());
            }
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        out.println();
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    private String token(String query) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/_local/token?" + query)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(expect(r, "GET /_local/token", 200)).get("token").asText();
    }

    private JsonNode call(String method, String path, String token, String body, int... ok)
            throws IOException, InterruptedException {
        return JSON.readTree(expect(send(method, path, token, body, Map.of()), method + " " + path, ok));
    }

    private HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String expect(HttpResponse<String> response, String what, int... ok) {
        for (int status : ok) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IllegalStateException("demo: " + what + " answered " + response.statusCode() + ": "
                + response.body());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
