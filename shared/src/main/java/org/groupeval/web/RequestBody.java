package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.framework.SheetInput;
import org.groupeval.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The body of a request, read the one strict way every route reads it ({@link ApiRequest}'s body methods): JSON sent
 * as such (415 otherwise), at most the route's limit (413), every key once per object, only the members the route
 * knows, numbers in range and text that is valid Unicode (400, every problem with its pointer). Routes read the body
 * only once they know the caller may act (a refused caller gets 403 whatever it sent); routes that take no body never
 * read one, so a body sent to them is ignored, as is its Content-Type.
 */
final class RequestBody {

    private final APIGatewayV2HTTPEvent event;
    private final Optional<String> contentType;
    private byte[] bytes;

    RequestBody(APIGatewayV2HTTPEvent event, Optional<String> contentType) {
        this.event = event;
        this.contentType = contentType;
    }

    /** Whether a body was sent: an empty or blank body counts as none. */
    boolean present() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return false;
        }
        if (!event.getIsBase64Encoded()) {
            return !body.isBlank();
        }
        for (byte b : bytes()) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }

    /** The body as a JSON tree, of at most {@code maxBytes}; see the class comment for what is refused. */
    JsonNode json(int maxBytes) {
        if (!present()) {
            throw DomainException.invalid("", "a JSON request body is required");
        }
        requireJsonMediaType();
        JsonNode tree = parse(maxBytes);
        List<FieldError> numbers = new ArrayList<>();
        List<FieldError> texts = new ArrayList<>();
        checkValues(tree, "", numbers, texts);
        if (!numbers.isEmpty() || !texts.isEmpty()) {
            List<FieldError> all = new ArrayList<>(numbers);
            all.addAll(texts);
            throw DomainException.invalid(all.size() == 1 ? all.get(0).message() : "the request body has "
                    + Stream.of(count(numbers, "number", "numbers", "out of range"),
                            count(texts, "text", "texts", "that are not valid Unicode"))
                    .filter(part -> !part.isEmpty()).collect(Collectors.joining(" and ")), all);
        }
        return tree;
    }

    private static String count(List<FieldError> errors, String one, String many, String what) {
        return errors.isEmpty() ? "" : errors.size() + " " + (errors.size() == 1 ? one : many) + " " + what;
    }

    /** The media types a body is read as: JSON, in UTF-8 (RFC 8259), with no parameter but that charset. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase(ApiRequest.JSON_MEDIA_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            String value = eq < 0 ? "" : parameter.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (eq < 0 || !parameter.substring(0, eq).trim().equalsIgnoreCase("charset")
                    || !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private void requireJsonMediaType() {
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            String sent = contentType.map(Identifiers::quote).orElse("no Content-Type");
            throw DomainException.unsupportedMediaType("This route reads a JSON body: send it with Content-Type: "
                    + ApiRequest.JSON_MEDIA_TYPE + " (UTF-8); the request has " + sent + ".", "/headers/Content-Type");
        }
    }

    /**
     * The body as bytes, for a route that reads a file of one media type (an .xlsx): sent as that type (415
     * otherwise, naming the header), of at most {@code maxBytes} (413, judged from the encoded length before anything
     * is decoded), and present (400).
     */
    byte[] binary(String mediaType, int maxBytes) {
        String sent = contentType.map(t -> t.split(";", 2)[0].trim()).orElse("");
        if (!sent.equalsIgnoreCase(mediaType)) {
            throw DomainException.unsupportedMediaType("This route reads a file sent as it is, with Content-Type: "
                    + mediaType + "; the request has " + contentType.map(Identifiers::quote).orElse("no Content-Type")
                    + ".", "/headers/Content-Type");
        }
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw DomainException.invalid("", "the request body is required: the file itself");
        }
        long size = event.getIsBase64Encoded() ? body.length() / 4L * 3 : body.length();
        if (size > maxBytes + 2L) {
            throw DomainException.tooLarge("the file is about " + size + " bytes; this route accepts at most "
                    + maxBytes + " (" + maxBytes / (1024 * 1024) + " MiB)");
        }
        byte[] decoded = event.getIsBase64Encoded() ? bytes() : body.getBytes(StandardCharsets.ISO_8859_1);
        if (decoded.length > maxBytes) {
            throw DomainException.tooLarge("the file is " + decoded.length + " bytes; this route accepts at most "
                    + maxBytes);
        }
        return decoded;
    }

    /** The body as sent, when API Gateway passed it base64-encoded (a body it did not take for text). */
    private byte[] bytes() {
        if (bytes == null) {
            try {
                bytes = Base64.getDecoder().decode(event.getBody());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("", "the request body is not valid base64 as its event says");
            }
        }
        return bytes;
    }

    /**
     * Parses the body with the strict reader: a syntax error, a key given twice in one object and bytes that are not
     * UTF-8 are refused with the pointer of where the parser stood.
     */
    private JsonNode parse(int maxBytes) {
        long bytes = event.getIsBase64Encoded() ? bytes().length : event.getBody().length();
        // a UTF-8 character takes at most 3 bytes per UTF-16 unit: only a body near the limit is measured
        if (!event.getIsBase64Encoded() && bytes * 3 > maxBytes) {
            bytes = event.getBody().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > maxBytes) {
            throw DomainException.tooLarge("the request body is " + bytes + " bytes; this route accepts at most "
                    + maxBytes);
        }
        try {
            return event.getIsBase64Encoded() ? Json.BODY.readTree(bytes()) : Json.BODY.readTree(event.getBody());
        } catch (JsonProcessingException e) {
            String pointer = e.getProcessor() instanceof JsonParser parser
                    ? parser.getParsingContext().pathAsPointer().toString() : "";
            throw DomainException.invalid("the request body is not valid JSON (UTF-8, each key once per object): "
                    + e.getOriginalMessage(), List.of(new FieldError(pointer, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Digits a number in a request body may have before its decimal point (every count fits in a long). */
    static final int MAX_INTEGER_DIGITS = 18;
    /** Digits a number in a request body may have after its decimal point (trailing zeros aside). */
    static final int MAX_FRACTION_DIGITS = 20;

    /**
     * Every number and every text of the body, once for every body, with their pointers; nothing past this point
     * sees what is refused here.
     * <ul>
     * <li>No field of this API takes a number beyond 18 digits before or 20 after the decimal point, and JSON's
     * exponent notation (1e1000000000) would otherwise let a short body demand a billion-digit computation when the
     * number is compared, rounded or shown.</li>
     * <li>JSON's escapes can spell half of a UTF-16 surrogate pair ({@code "\\ud800"}), which is no character at all:
     * such text (a value or a key) could not be stored or shown as sent, so it is refused.</li>
     * </ul>
     */
    private static void checkValues(JsonNode node, String pointer, List<FieldError> numbers, List<FieldError> texts) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            int fraction = value.signum() == 0 ? value.scale() : value.stripTrailingZeros().scale();
            long integer = (long) value.precision() - value.scale();
            if (integer > MAX_INTEGER_DIGITS || fraction > MAX_FRACTION_DIGITS) {
                numbers.add(new FieldError(pointer, "is out of range: numbers may have at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it"));
            }
        } else if (node.isTextual()) {
            checkText(node.textValue(), pointer, "text", texts);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(member -> {
                String at = SheetInput.at(pointer, Identifiers.wellFormed(member.getKey()));
                checkText(member.getKey(), at, "key", texts);
                checkValues(member.getValue(), at, numbers, texts);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValues(node.get(i), SheetInput.at(pointer, i), numbers, texts);
            }
        }
    }

    private static void checkText(String text, String pointer, String what, List<FieldError> texts) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                texts.add(new FieldError(pointer, "the " + what + " is not valid Unicode: it has half of a surrogate "
                        + "pair (\\u" + Integer.toHexString(c) + ") at character " + (i + 1)
                        + "; send the character whole"));
                return;
            }
        }
    }

    /**
     * The body, of at most {@code maxBytes}, bound to {@code type}. Every member the type does not have is refused,
     * each with its pointer (at most {@link ApiRequest#MAX_UNKNOWN_REPORTED} are listed); a value of the wrong type
     * stops the binding, and is refused with its pointer.
     */
    <T> T as(Class<T> type, int maxBytes) {
        JsonNode tree = json(maxBytes);
        if (!tree.isObject()) {
            throw DomainException.invalid("", "the request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode bound = tree;
        while (true) {
            try {
                T value = Json.BODY.treeToValue(bound, type);
                if (errors.isEmpty()) {
                    return value;
                }
            } catch (UnrecognizedPropertyException e) {
                // the binding stops at the first unknown member: note it, drop it from a copy and bind again, so
                // that every unknown member (and a type error behind them) is reported at once
                String pointer = pointerOf(e);
                errors.add(new FieldError(pointer, "is not a member of this request; it takes "
                        + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
                if (errors.size() < ApiRequest.MAX_UNKNOWN_REPORTED) {
                    bound = bound == tree ? tree.deepCopy() : bound;
                    JsonPointer at = JsonPointer.compile(pointer);
                    ((ObjectNode) bound.at(at.head())).remove(at.last().getMatchingProperty());
                    continue;
                }
            } catch (JsonProcessingException e) {
                String message = e instanceof InvalidFormatException || e instanceof MismatchedInputException
                        ? "has the wrong type: " + e.getOriginalMessage() : e.getOriginalMessage();
                errors.add(new FieldError(e instanceof JsonMappingException m ? pointerOf(m) : "", message));
            }
            if (errors.size() > 1) {
                // as the body lists them (the binding meets a record's unknown members only once it has read it)
                Map<String, Integer> order = new LinkedHashMap<>();
                documentOrder(tree, "", order);
                errors.sort(Comparator.comparing(error -> order.getOrDefault(error.pointer(), Integer.MAX_VALUE)));
            }
            throw DomainException.invalid("the request body does not have the expected shape", errors);
        }
    }

    private static void documentOrder(JsonNode node, String pointer, Map<String, Integer> order) {
        order.put(pointer, order.size());
        if (node.isObject()) {
            node.fields().forEachRemaining(member -> documentOrder(member.getValue(),
                    SheetInput.at(pointer, member.getKey()), order));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                documentOrder(node.get(i), SheetInput.at(pointer, i), order);
            }
        }
    }

    /** The body as a plain Java tree (Map/List/String/BigDecimal/Boolean), as the domain reads sheets. */
    @SuppressWarnings("unchecked")
    Map<String, Object> tree() {
        JsonNode tree = json(ApiRequest.MAX_BODY_BYTES);
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
