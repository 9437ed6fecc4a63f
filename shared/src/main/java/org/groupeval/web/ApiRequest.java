package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.SheetInput;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.Stage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Caller caller;

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
        throw GroupRules.seesEveryGroup(caller())
                ? DomainException.invalid("/path/groupId", "groupId " + Identifiers.GROUP_ID_RULE + " (got "
                        + Identifiers.quote(raw) + ")")
                : DomainException.forbidden("You may not see group " + Identifiers.quote(raw) + ".");
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

    /** {@code ?limit=} with the api.md defaults (50, at most 500). */
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

    public String rawBody() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** The body as a JSON tree; 400 when it is missing or is not JSON, 413 beyond {@link #MAX_BODY_BYTES}. */
    public JsonNode json() {
        return json(MAX_BODY_BYTES);
    }

    private JsonNode json(int maxBytes) {
        String body = rawBody();
        if (body.isBlank()) {
            throw DomainException.invalid("", "a JSON request body is required");
        }
        // a UTF-8 character takes at most 3 bytes per UTF-16 unit: only a body near the limit is measured
        if ((long) body.length() * 3 > maxBytes) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                throw DomainException.tooLarge("the request body is " + bytes + " bytes; this route accepts at most "
                        + maxBytes);
            }
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        List<FieldError> outOfRange = new ArrayList<>();
        numbersOutOfRange(tree, "", outOfRange);
        if (!outOfRange.isEmpty()) {
            throw DomainException.invalid(outOfRange.size() == 1 ? outOfRange.get(0).message()
                    : "the request body has " + outOfRange.size() + " numbers out of range", outOfRange);
        }
        return tree;
    }

    /** Digits a number in a request body may have before its decimal point (every count fits in a long). */
    static final int MAX_INTEGER_DIGITS = 18;
    /** Digits a number in a request body may have after its decimal point (trailing zeros aside). */
    static final int MAX_FRACTION_DIGITS = 20;

    /**
     * No field of this API takes a number beyond 18 digits before or 20 after the decimal point, and JSON's
     * exponent notation (1e1000000000) would otherwise let a short body demand a billion-digit computation when the
     * number is compared, rounded or shown. Such numbers are refused here, once for every body, with their
     * pointers; nothing past this point sees them.
     */
    private static void numbersOutOfRange(JsonNode node, String pointer, List<FieldError> errors) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            int fraction = value.signum() == 0 ? value.scale() : value.stripTrailingZeros().scale();
            long integer = (long) value.precision() - value.scale();
            if (integer > MAX_INTEGER_DIGITS || fraction > MAX_FRACTION_DIGITS) {
                errors.add(new FieldError(pointer, "is out of range: numbers may have at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it"));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(member -> numbersOutOfRange(member.getValue(),
                    SheetInput.at(pointer, member.getKey()), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                numbersOutOfRange(node.get(i), SheetInput.at(pointer, i), errors);
            }
        }
    }

    /** The body bound to a record; type mismatches are reported with their JSON Pointer. */
    public <T> T bodyAs(Class<T> type) {
        return bodyAs(type, MAX_BODY_BYTES);
    }

    /** As {@link #bodyAs(Class)}, for a route whose bodies may be larger than {@link #MAX_BODY_BYTES}. */
    public <T> T bodyAs(Class<T> type, int maxBytes) {
        JsonNode tree = json(maxBytes);
        if (!tree.isObject()) {
            throw DomainException.invalid("", "the request body must be a JSON object");
        }
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String pointer = e instanceof JsonMappingException m ? pointerOf(m) : "";
            String message = e instanceof InvalidFormatException || e instanceof MismatchedInputException
                    ? "has the wrong type: " + e.getOriginalMessage() : e.getOriginalMessage();
            throw DomainException.invalid("the request body does not have the expected shape",
                    List.of(new FieldError(pointer, message)));
        }
    }

    /** The body as a plain Java tree (Map/List/String/BigDecimal/Boolean), as the domain reads sheets. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> bodyTree() {
        JsonNode tree = json();
        if (!tree.isObject()) {
            throw DomainException.invalid("", "the request body must be a JSON object");
        }
        return Json.MAPPER.convertValue(tree, Map.class);
    }

    private static String pointerOf(JsonMappingException e) {
        String pointer = "";
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer = ref.getFieldName() != null ? SheetInput.at(pointer, ref.getFieldName())
                    : SheetInput.at(pointer, ref.getIndex());
        }
        return pointer;
    }
}
