package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.SamplePdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The README's evidence flow against the local stack over HTTP: declare, PUT the file to the presigned URL with the
 * returned headers (to the local S3 gateway in front of S3Mock), the bucket notification invokes the template's
 * S3-triggered function, and the list shows VERIFIED.
 */
class EvidenceEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final StackClient client = new StackClient();

    private static JsonNode call(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> r = client.send(method, path, token, body);
        assertEquals(method.equals("POST") ? 201 : 200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aDeclaredFileUploadedWithCurlStyleHeadersIsVerifiedThroughTheStack() throws Exception {
        client.stack().dynamo().client().putItem(b -> b.tableName("ReviewTable").item(Map.of(
                "pk", AttributeValue.fromS("CYCLE#2031"), "sk", AttributeValue.fromS("CYCLE"),
                "kind", AttributeValue.fromS("Cycle"), "version", AttributeValue.fromN("1"),
                "data", AttributeValue.fromS("{\"year\":2031,\"frameworkId\":\"chengdu-2023\",\"frameworkVersion\":\"1\"}"))));
        String school = call("GET", "/_local/token?role=SCHOOL&school=E2E01", null, null).get("token").asText();
        String district = call("GET", "/_local/token?role=DISTRICT&district=510104", null, null).get("token").asText();
        String groupId = call("POST", "/groups", school, "{\"name\":\"锦江区教育集团\",\"type\":\"INTEGRATED\","
                + "\"district\":\"510104\",\"coreSchool\":{\"code\":\"E2E01\",\"name\":\"核心校\"},"
                + "\"memberSchools\":[{\"code\":\"E2E02\",\"name\":\"成员校\"}]}").get("groupId").asText();

        byte[] file = SamplePdf.titled("名校集团章程");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        JsonNode declared = call("POST", "/groups/" + groupId + "/cycles/2031/evidence", school,
                "{\"indicatorId\":\"B01\",\"title\":\"集团章程\",\"materialNumber\":\"B01-01\",\"fileName\":\"章程.pdf\","
                        + "\"contentType\":\"application/pdf\",\"size\":" + file.length + ",\"sha256\":\"" + sha + "\"}");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(declared.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        declared.get("uploadHeaders").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        HttpResponse<String> uploaded = client.http().send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());

        client.stack().s3().gateway().drainNotifications(java.time.Duration.ofSeconds(60));
        JsonNode list = call("GET", "/groups/" + groupId + "/cycles/2031/evidence", district, null);
        assertEquals("VERIFIED", list.at("/items/0/status").asText(), list.toString());
        JsonNode one = call("GET", "/groups/" + groupId + "/cycles/2031/evidence/"
                + declared.get("evidenceId").asText(), district, null);
        assertNotNull(one.get("downloadUrl"));
        HttpResponse<byte[]> download = client.http().send(HttpRequest.newBuilder(URI.create(one.get("downloadUrl").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(file, download.body());
    }
}
