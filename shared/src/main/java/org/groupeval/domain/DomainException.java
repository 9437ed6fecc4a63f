package org.groupeval.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that the caller can act on. It carries everything an RFC 9457 problem needs (status, a stable type
 * slug, a title, a detail sentence, every invalid field) without knowing anything about HTTP plumbing: the web
 * layer renders it as {@code application/problem+json}. Genuine faults are never DomainExceptions.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public DomainException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: the request is malformed; {@code errors} lists every invalid field. */
    public static DomainException invalid(String detail, List<FieldError> errors) {
        return new DomainException(400, "validation-failed", "The request is not valid", detail, errors);
    }

    public static DomainException invalid(String pointer, String message) {
        return invalid(message, List.of(new FieldError(pointer, message)));
    }

    /** 401: no usable identity. */
    public static DomainException unauthenticated(String detail) {
        return new DomainException(401, "unauthenticated", "Authentication required", detail, null);
    }

    /** 403: the caller is known but may not do this. */
    public static DomainException forbidden(String detail) {
        return new DomainException(403, "forbidden", "Not allowed", detail, null);
    }

    /** 404: nothing there (or, by policy, nothing the caller may see). */
    public static DomainException notFound(String detail) {
        return new DomainException(404, "not-found", "Not found", detail, null);
    }

    /** 409: the request conflicts with the current state (a school already in a group, a stage closed, ...). */
    public static DomainException conflict(String type, String title, String detail) {
        return new DomainException(409, type, title, detail, null);
    }

    /** 412: the caller's If-Match no longer names the current version. */
    public static DomainException preconditionFailed(String detail) {
        return new DomainException(412, "precondition-failed", "The resource has changed", detail, null);
    }

    /** 413: the request is larger than the service accepts for this route. */
    public static DomainException tooLarge(String detail) {
        return new DomainException(413, "payload-too-large", "The request is too large", detail, null);
    }

    /** 415: the body is not in a media type the route reads; {@code pointer} names the header that says so. */
    public static DomainException unsupportedMediaType(String detail, String pointer) {
        return new DomainException(415, "unsupported-media-type", "Unsupported media type", detail,
                List.of(new FieldError(pointer, detail)));
    }

    /** 422: well-formed, but a rule of the domain refuses it (e.g. recommending a group below PASS). */
    public static DomainException ruleViolation(String type, String title, String detail) {
        return new DomainException(422, type, title, detail, null);
    }

    /** 503: the request could not be written just now for contention; the same request may succeed shortly. */
    public static DomainException busy(String detail) {
        return new DomainException(503, "busy", "The service is busy", detail, null);
    }

    /** Adds a machine-readable member to the problem (e.g. {@code holderGroupId}, {@code deadline}). */
    public DomainException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }
}
