package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.GroupAccess;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.Stage;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP API (payload 2.0) request as the handlers see it: route, caller, parameters, headers and body. */
public final class ApiRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /**
     * The largest request body a route accepts unless it says otherwise (64 KiB): several times the largest group,
     * panel or score sheet, and small enough that what is stored from it (a sheet with its breakdown, an audit entry
     * with the old and the new value) stays well inside a DynamoDB item's 400 KB.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The media type every body is sent as (RFC 8259: UTF-8). */
    public static final String JSON_MEDIA_TYPE = "application/json";
    /** How many unknown members of a body one refusal lists. */
    static final int MAX_UNKNOWN_REPORTED = 20;

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Caller caller;
    private RequestBody body;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** The authenticated caller; 401 when there is none. */
    public Caller caller() {
        if (caller == null) {
            caller = Identity.require(event);
        }
        return caller;
    }

    public Optional<Caller> callerIfAny() {
        return caller != null ? Optional.of(caller) : Identity.from(event);
    }

    // ---- path parameters ----------------------------------------------------------------------------------------
    //
    // Every route reads its path parameters through these readers, which check each value's format (Identifiers and
    // the domain's rules) before anything is looked up: a value that cannot name anything never reaches a table.

    /**
     * {@code {groupId}}: an id as the service issues them. A malformed one names no group, and is refused the way a
     * missing group is: CITY, the one caller told that a group does not exist, is told 400 naming
     * {@code /path/groupId}; any other caller gets the 403 it gets for every group it may not see.
     */
    public String groupId() {
        String raw = pathParameter("groupId");
        if (Identifiers.isGroupId(raw)) {
            return raw;
        }
        throw GroupAccess.malformedId(caller(), raw);
    }

    /** {@code {year}}: a cycle's year, 2000–2100; 400 naming {@code /path/year} otherwise. */
    public int year() {
        return CycleRules.year(pathParameter("year"));
    }

    /** {@code {stage}}: {@code self}, {@code district} or {@code city}. */
    public Stage stage() {
        return Stage.fromPath(pathParameter("stage"));
    }

    /** {@code {expertSub}}: an expert's token subject. */
    public String expertSub() {
        return PanelRules.expertSub(pathParameter("expertSub"));
    }

    /** {@code {evidenceId}}: an id as the service issues them; routes read it once the group may be seen. */
    public String evidenceId() {
        String raw = pathParameter("evidenceId");
        if (!Identifiers.isEvidenceId(raw)) {
            throw DomainException.invalid("/path/evidenceId", "evidenceId " + Identifiers.EVIDENCE_ID_RULE + " (got "
                    + Identifiers.quote(raw) + ")");
        }
        return raw;
    }

    /** {@code {frameworkId}}: a framework's id. */
    public String frameworkId() {
        String raw = pathParameter("frameworkId");
        if (!Identifiers.isFrameworkId(raw)) {
            throw DomainException.invalid("/path/frameworkId", "frameworkId " + Identifiers.FRAMEWORK_ID_RULE
                    + " (got " + Identifiers.quote(raw) + ")");
        }
        return raw;
    }

    /** {@code {revision}}: a ranking revision, 1–999999. */
    public int revision() {
        return Identifiers.revision(pathParameter("revision"), "/path/revision");
    }

    private String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    public Optional<String> query(String name) {
        if (event.getQueryStringParameters() == null) {
            return Optional.empty();
        }
        String value = event.getQueryStringParameters().get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<String> header(String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** {@code ?limit=} with the defaults of docs/api.md, Lists (50, at most 500). */
    public int limit() {
        Optional<String> raw = query("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw DomainException.invalid("/query/limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    public Optional<String> nextToken() {
        return query("nextToken");
    }

    /** The If-Match header as a version number; absent → empty; malformed → 400. */
    public Optional<Long> ifMatchVersion() {
        return header("If-Match").map(ETags::parse);
    }

    // ---- the body -----------------------------------------------------------------------------------------------
    //
    // Read only through these methods, so every route reads it the same strict way (RequestBody).

    /** Whether a body was sent: an empty or blank body counts as none. */
    public boolean hasBody() {
        return body().present();
    }

    /** The body as a JSON tree; see {@link RequestBody} for what is refused. */
    public JsonNode json() {
        return body().json(MAX_BODY_BYTES);
    }

    /** The body bound to a record; type mismatches are reported with their JSON Pointer. */
    public <T> T bodyAs(Class<T> type) {
        return bodyAs(type, MAX_BODY_BYTES);
    }

    /**
     * As {@link #bodyAs(Class)}, for a route whose bodies may be larger than {@link #MAX_BODY_BYTES}. Every member the
     * type does not have is refused, each with its pointer (at most {@link #MAX_UNKNOWN_REPORTED} are listed); a
     * value of the wrong type stops the binding, and is refused with its pointer.
     */
    public <T> T bodyAs(Class<T> type, int maxBytes) {
        return body().as(type, maxBytes);
    }

    /**
     * The body as the bytes of a file of {@code mediaType} (a route that takes an uploaded spreadsheet): 415 when it
     * is sent as another type, 413 over {@code maxBytes}, before any of it is decoded.
     */
    public byte[] file(String mediaType, int maxBytes) {
        return body().binary(mediaType, maxBytes);
    }

    /** The body as a plain Java tree (Map/List/String/BigDecimal/Boolean), as the domain reads sheets. */
    public Map<String, Object> bodyTree() {
        return body().tree();
    }

    /** As {@link #bodyTree()} for a route whose body is optional: no body (or a blank one) reads as {@code {}}. */
    public Map<String, Object> optionalBodyTree() {
        return hasBody() ? bodyTree() : Map.of();
    }

    private RequestBody body() {
        if (body == null) {
            body = new RequestBody(event, header("Content-Type"));
        }
        return body;
    }
}
