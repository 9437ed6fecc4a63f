package org.groupeval.web;

import org.groupeval.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, which Lambda ships to CloudWatch Logs as one event each. Callers pass only
 * ids, routes, roles, codes and figures: never tokens, file contents or personal contact data.
 */
public final class StructuredLog {

    private static volatile PrintStream out = System.out;

    private StructuredLog() {
    }

    public static Map<String, Object> event(String level, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        return line;
    }

    public static void write(Map<String, Object> line) {
        String json;
        try {
            json = Json.write(line);
        } catch (RuntimeException e) {
            json = "{\"level\":\"ERROR\",\"message\":\"unloggable event\"}";
        }
        out.println(json);
    }

    public static void info(String message, Map<String, Object> fields) {
        Map<String, Object> line = event("INFO", message);
        line.putAll(fields);
        write(line);
    }

    public static void error(String message, Map<String, Object> fields) {
        Map<String, Object> line = event("ERROR", message);
        line.putAll(fields);
        write(line);
    }

    /** Tests redirect the log to inspect it. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }
}
