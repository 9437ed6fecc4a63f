package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.LocalHttpServer;
import org.groupeval.local.LocalSchedules;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.groupeval.local.stack.LocalApiGateway.problem;
import static org.groupeval.local.stack.LocalApiGateway.json;
import static org.groupeval.local.stack.LocalApiGateway.queryParameters;

/**
 * The stack's own endpoints under {@code /_local/}, which AWS does not have: a token of the local issuer for a role
 * ({@code GET /_local/token?role=...}, the same kind the issuer's sign-in page leads to), a schedule fired now or for a given time
 * ({@code POST /_local/schedules/{name}}), and health.
 */
final class LocalEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalIssuer tokens;
    private final LocalSchedules schedules;

    LocalEndpoints(LocalIssuer tokens, LocalSchedules schedules) {
        this.tokens = tokens;
        this.schedules = schedules;
    }

    /** The answer of the local endpoint {@code method path}; a 404 problem for any other. */
    LocalHttpServer.Response answer(String method, String path, String rawQuery) throws IOException {
        if (path.equals("/_local/token") && method.equals("GET")) {
            Map<String, String> query = queryParameters(rawQuery);
            String role = query.getOrDefault("role", "").toUpperCase(Locale.ROOT);
            if (!List.of("SCHOOL", "DISTRICT", "CITY", "EXPERT").contains(role)) {
                return problem(400, "validation-failed", "The request is not valid",
                        "role must be SCHOOL, DISTRICT, CITY or EXPERT");
            }
            if (role.equals("SCHOOL") && !query.containsKey("school")
                    || role.equals("DISTRICT") && !query.containsKey("district")) {
                return problem(400, "validation-failed", "The request is not valid",
                        role.equals("SCHOOL") ? "a SCHOOL token needs school=<code>"
                                : "a DISTRICT token needs district=<6-digit code>");
            }
            Map<String, String> claims = new LinkedHashMap<>();
            String scope = query.getOrDefault("school", query.getOrDefault("district", ""));
            claims.put("sub", query.getOrDefault("sub",
                    "local-" + role.toLowerCase(Locale.ROOT) + (scope.isEmpty() ? "" : "-" + scope)));
            claims.put("role", role);
            for (String claim : List.of("school", "district")) {
                if (query.containsKey(claim)) {
                    claims.put(claim, query.get(claim));
                }
            }
            return json(200, Map.of("token", tokens.issue(claims), "claims", claims));
        }
        if (path.startsWith("/_local/schedules/") && method.equals("POST")) {
            return fireSchedule(URLDecoder.decode(path.substring("/_local/schedules/".length()),
                    StandardCharsets.UTF_8), queryParameters(rawQuery).get("scheduledTime"));
        }
        if (path.equals("/_local/health")) {
            return json(200, Map.of("status", "ok"));
        }
        return problem(404, "not-found", "Not found", "Unknown local endpoint " + path);
    }
    /**
     * Delivers a schedule's event to its function, as EventBridge Scheduler would at {@code scheduledTime} (an
     * ISO-8601 instant with offset; default now). A failed invocation is a 500 naming the error: in AWS, Lambda
     * retries it and then sends the event to the function's dead-letter queue.
     */
    private LocalHttpServer.Response fireSchedule(String name, String scheduledTime) throws IOException {
        Optional<LocalSchedules.Target> target = schedules.find(name);
        if (target.isEmpty()) {
            return problem(404, "not-found", "Not found", "No schedule named '" + name + "' in template.yaml.");
        }
        Instant at;
        try {
            at = scheduledTime == null ? Instant.now() : OffsetDateTime.parse(scheduledTime).toInstant();
        } catch (DateTimeParseException e) {
            return problem(400, "validation-failed", "The request is not valid", "scheduledTime must be an "
                    + "ISO-8601 time with offset, e.g. 2026-11-01T02:00:00+08:00 (got " + scheduledTime + ")");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("schedule", name);
        out.put("function", target.get().function().logicalId());
        out.put("scheduledTime", at.toString());
        try {
            out.set("result", JSON.readTree(schedules.fire(target.get(), at)));
        } catch (RuntimeException failed) {
            return problem(500, "function-failed", "The scheduled invocation failed", name + " failed: "
                    + failed.getMessage() + " (in AWS, Lambda retries it, then dead-letters the event)");
        }
        return json(200, out);
    }
}
