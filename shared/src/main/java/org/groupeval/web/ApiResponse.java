package org.groupeval.web;

import org.groupeval.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every response of every function: JSON, CSV, files (.xlsx) and RFC 9457 problems are written here and
 * nowhere else.
 */
public final class ApiResponse {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    public static final String CSV = "text/csv; charset=utf-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Problem types are URNs: stable, and they promise no documentation host. */
    public static final String PROBLEM_TYPE_PREFIX = "urn:groupeval:problem:";
    /**
     * The largest file one response carries: a synchronous Lambda response holds 6 MB (6,291,456 bytes), and the
     * file goes base64-encoded (4 bytes for 3) in its JSON envelope, with room for the headers.
     */
    public static final int MAX_FILE_BYTES = 4_650_000;
    /** How long a caller answered 503 {@code busy} waits before sending the request again. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    /** The size of a binary body, whose {@link #body} holds it base64-encoded; -1 for a text body. */
    private int binaryBytes = -1;

    private ApiResponse(int status) {
        this.status = status;
    }

    public static ApiResponse of(int status, Object body) {
        ApiResponse response = new ApiResponse(status);
        if (body != null) {
            response.body = Json.write(body);
            response.headers.put("Content-Type", JSON);
        }
        return response;
    }

    public static ApiResponse ok(Object body) {
        return of(200, body);
    }

    public static ApiResponse created(Object body, String location) {
        return of(201, body).header("Location", location);
    }

    public static ApiResponse accepted(Object body) {
        return of(202, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204);
    }

    /** A CSV download that opens cleanly in Excel: UTF-8 with a byte-order mark. */
    public static ApiResponse csv(String fileName, String csv) {
        ApiResponse response = new ApiResponse(200);
        response.body = "\uFEFF" + csv;
        response.headers.put("Content-Type", CSV);
        response.headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return response;
    }

    /**
     * A file download of any other media type (an .xlsx): API Gateway's payload 2.0 carries a binary body
     * base64-encoded, with {@code isBase64Encoded}, and hands the client the bytes. A file over
     * {@link #MAX_FILE_BYTES} cannot be answered: 422 {@code export-too-large}, asking for less.
     */
    public static ApiResponse file(String contentType, String fileName, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            throw new DomainException(422, "export-too-large", "The export is too large", "The file is "
                    + content.length + " bytes, more than the " + MAX_FILE_BYTES + " one response can carry: ask "
                    + "for less of it, e.g. one district with ?district=.", null).with("maxBytes", MAX_FILE_BYTES);
        }
        ApiResponse response = new ApiResponse(200);
        response.body = Base64.getEncoder().encodeToString(content);
        response.binaryBytes = content.length;
        response.headers.put("Content-Type", contentType);
        response.headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return response;
    }

    public static ApiResponse problem(DomainException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_TYPE_PREFIX + e.type());
        problem.put("title", e.title());
        problem.put("status", e.status());
        problem.put("detail", e.detail());
        List<FieldError> errors = e.errors();
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        e.extensions().forEach(problem::putIfAbsent);
        return problem(e.status(), problem);
    }

    /**
     * 503: other requests were changing the same records and this one's write could not be made (see
     * {@code Contention}); {@code Retry-After} says when to send it again.
     */
    public static ApiResponse busy(String requestId) {
        DomainException busy = DomainException.busy("Other requests are changing the same records at this moment "
                + "and this request's change could not be written. Nothing of it was stored; send it again after "
                + "the Retry-After seconds.").with("retryAfterSeconds", RETRY_AFTER_SECONDS);
        if (requestId != null) {
            busy.with("requestId", requestId);
        }
        return problem(busy).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /** A genuine fault: says so, names the request id to quote, and never leaks internals. */
    public static ApiResponse internalError(String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_TYPE_PREFIX + "internal-error");
        problem.put("title", "Internal error");
        problem.put("status", 500);
        problem.put("detail", "The service failed to handle this request. It was logged; quote the request id when "
                + "reporting it.");
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return problem(500, problem);
    }

    private static ApiResponse problem(int status, Map<String, Object> problem) {
        ApiResponse response = new ApiResponse(status);
        response.body = Json.write(problem);
        response.headers.put("Content-Type", PROBLEM_JSON);
        return response;
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiResponse etag(long version) {
        return header("ETag", ETags.of(version));
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public APIGatewayV2HTTPResponse toEvent() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(new LinkedHashMap<>(headers));
        response.setBody(body);
        response.setIsBase64Encoded(isBase64Encoded());
        return response;
    }

    /** Whether {@link #body()} is the base64 of a binary body ({@link #file}). */
    public boolean isBase64Encoded() {
        return binaryBytes >= 0;
    }

    /** Size of the body in bytes, for the access log. */
    public int bodyBytes() {
        return binaryBytes >= 0 ? binaryBytes : body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
