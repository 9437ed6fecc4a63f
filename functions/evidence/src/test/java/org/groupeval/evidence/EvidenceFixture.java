package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.LocalS3;
import org.groupeval.local.SampleEvent;
import org.groupeval.local.SamplePdf;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.DynamoDbGroupStore;
import org.groupeval.store.Ids;
import org.groupeval.store.StoredItem;
import org.groupeval.store.Tables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The world of the evidence tests: DynamoDB Local and the local S3 (S3Mock behind the signature-checking gateway,
 * notifications delivered to the template's upload function), groups in GroupsTable, and the cycle, self sheet and
 * panel seats the review workflow would write in ReviewTable, written here as StoredItems.
 */
final class EvidenceFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EvidenceFixture instance;

    final LocalS3 s3;
    final EvidenceHandler handler;
    final DynamoDbEnhancedClient dynamo;
    final DynamoDbGroupStore groups;
    final DynamoDbTable<StoredItem> review;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final S3Client directS3;
    final String bucket;

    private EvidenceFixture() {
        s3 = LocalS3.shared();
        handler = new EvidenceHandler();
        dynamo = DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbClients.create()).build();
        Tables tables = Tables.fromEnvironment();
        groups = new DynamoDbGroupStore(dynamo, tables);
        review = dynamo.table(tables.review(), StoredItem.SCHEMA);
        bucket = Tables.setting("EVIDENCE_BUCKET", null);
        directS3 = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))).build();
    }

    static synchronized EvidenceFixture get() {
        if (instance == null) {
            instance = new EvidenceFixture();
        }
        return instance;
    }

    // ---- the world -----------------------------------------------------------------------------------------------

    /** A unique code per test, so tests sharing one DynamoDB Local never collide. */
    static String unique() {
        return "E" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT) + SEQ.incrementAndGet();
    }

    /** A year for a test's cycle, 2001–2100 in turn (2000 is left without a cycle: {@link #YEAR_WITHOUT_CYCLE}). */
    static int uniqueYear() {
        return 2001 + SEQ.incrementAndGet() % 100;
    }

    /** A year no test gives a cycle. */
    static final int YEAR_WITHOUT_CYCLE = 2000;

    record World(String groupId, String core, String district, int year) {
    }

    /** A registered group (core school {@code <u>C}, district {@code 6xxxxx}) and a cycle of ankang-2022. */
    World world() {
        String u = unique();
        String district = String.valueOf(600000 + Math.abs(u.hashCode()) % 99999);
        String groupId = Ids.newId(Identifiers.GROUP);
        Instant now = Instant.now();
        Group group = new Group(groupId, "测试教育集团 " + u, "TRUSTEESHIP", district, new School(u + "C", "核心校"),
                List.of(new School(u + "M", "成员校")), null, now, now, 1);
        groups.create(group, null);
        int year = uniqueYear();
        cycle(year, "ankang-2022", "1");
        return new World(groupId, u + "C", district, year);
    }

    void cycle(int year, String frameworkId, String version) {
        StoredItem cycle = StoredItem.of("Cycle", "CYCLE#" + year, "CYCLE");
        cycle.setGsi3pk("CYCLES");
        cycle.setGsi3sk(String.valueOf(year));
        cycle.setVersion(1L);
        cycle.setData("{\"year\":" + year + ",\"frameworkId\":\"" + frameworkId + "\",\"frameworkVersion\":\""
                + version + "\"}");
        review.putItem(cycle);
    }

    void selfSheet(World w, String status) {
        StoredItem sheet = StoredItem.of("Sheet", "CYCLE#" + w.year() + "#GROUP#" + w.groupId(), "SHEET#self");
        sheet.setStatus(status);
        sheet.setDistrict(w.district());
        sheet.setVersion(1L);
        sheet.setData("{\"groupId\":\"" + w.groupId() + "\",\"year\":" + w.year() + ",\"stage\":\"self\",\"status\":\""
                + status + "\"}");
        review.putItem(sheet);
    }

    void panelSeat(World w, String expertSub) {
        StoredItem seat = StoredItem.of("PanelSeat", "CYCLE#" + w.year() + "#GROUP#" + w.groupId(),
                "PANEL#EXPERT#" + expertSub);
        seat.setGsi2pk("EXPERT#" + expertSub);
        seat.setGsi2sk("CYCLE#" + w.year() + "#GROUP#" + w.groupId());
        seat.setVersion(1L);
        seat.setData("{\"expertSub\":\"" + expertSub + "\"}");
        review.putItem(seat);
    }

    // ---- callers -------------------------------------------------------------------------------------------------

    static Map<String, String> school(String code) {
        return Map.of("sub", "user-" + code, "role", "SCHOOL", "school", code);
    }

    static Map<String, String> district(String code) {
        return Map.of("sub", "user-d" + code, "role", "DISTRICT", "district", code);
    }

    static Map<String, String> city() {
        return Map.of("sub", "user-city", "role", "CITY");
    }

    static Map<String, String> expert(String sub) {
        return Map.of("sub", sub, "role", "EXPERT", "school", "S777");
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("test", "Evidence"));
    }

    static SampleEvent event(String file, World w, Map<String, String> claims) {
        return SampleEvent.of("evidence/" + file).claims(claims).path("groupId", w.groupId())
                .path("year", String.valueOf(w.year())).noQuery().header("Idempotency-Key", null);
    }

    static ObjectNode declaration(String indicatorId, String fileName, String contentType, byte[] content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("indicatorId", indicatorId);
        body.put("title", "集团章程 " + fileName);
        body.put("materialNumber", indicatorId + "-01");
        body.put("fileName", fileName);
        body.put("contentType", contentType);
        body.put("size", content.length);
        body.put("sha256", sha256(content));
        return body;
    }

    APIGatewayV2HTTPResponse declare(World w, ObjectNode body, Map<String, String> claims) {
        return call(event("declare-evidence.json", w, claims).bodyJson(body));
    }

    /** Declares as the group's school and returns the 201 body. */
    JsonNode declared(World w, ObjectNode body) {
        APIGatewayV2HTTPResponse response = declare(w, body, school(w.core()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        return body(response);
    }

    APIGatewayV2HTTPResponse getOne(World w, String evidenceId, Map<String, String> claims) {
        return call(event("get-evidence.json", w, claims).path("evidenceId", evidenceId));
    }

    APIGatewayV2HTTPResponse list(World w, Map<String, String> claims, Map<String, String> query) {
        SampleEvent e = event("list-evidence.json", w, claims);
        query.forEach(e::query);
        return call(e);
    }

    APIGatewayV2HTTPResponse withdraw(World w, String evidenceId, Map<String, String> claims) {
        return call(event("withdraw-evidence.json", w, claims).path("evidenceId", evidenceId));
    }

    /** PUTs bytes to a presigned upload URL with its headers, as a browser or curl would. */
    HttpResponse<String> upload(JsonNode declared, byte[] content) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(declared.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        declared.get("uploadHeaders").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) { // the HTTP client sets it from the body
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        try {
            return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("upload failed: " + e, e);
        }
    }

    HttpResponse<byte[]> download(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("download failed: " + e, e);
        }
    }

    /** The evidence once its check has run (S3 notifications are asynchronous, as on AWS). */
    JsonNode awaitChecked(World w, String evidenceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            s3.gateway().drainNotifications(Duration.ofSeconds(30));
            APIGatewayV2HTTPResponse response = getOne(w, evidenceId, city());
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode evidence = body(response);
            if (!evidence.get("status").asText().equals("PENDING") || System.nanoTime() > deadline) {
                return evidence;
            }
            sleep(100);
        }
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    static void assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/problem+json"),
                response.getHeaders().toString());
        assertEquals(status, body(response).get("status").asInt());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid one-page PDF titled {@code text} (titles of one length give files of one length). */
    static byte[] pdf(String text) {
        return SamplePdf.titled(text);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
