package org.groupeval.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.groupeval.domain.framework.Score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON configuration of the project: camelCase, ISO-8601 timestamps, and exact decimals (numbers are read
 * as {@link java.math.BigDecimal}, never as binary floating point, and written plainly, never as 1E+2); a
 * {@link Score} is written with its two decimals. A tree ({@code valueToTree}, {@code readTree}) drops trailing
 * zeros, so responses are built from values, not trees.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(scores())
            .build();

    /**
     * Reads request bodies, strictly: a key given twice in one object, anything after the JSON value, and a member a
     * bound type does not have are errors (ApiRequest reports each with its pointer). Stored items and Lambda events
     * are read by {@link #MAPPER}, which ignores members it does not know, so that an attribute added later never
     * breaks a reader.
     */
    public static final ObjectReader BODY = MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** A {@link Score} is a JSON number with its two decimals ({@code 98.00}), read back from any number. */
    private static SimpleModule scores() {
        return new SimpleModule("scores")
                .addSerializer(Score.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Score score, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeNumber(score.value());
                    }
                })
                .addDeserializer(Score.class, new JsonDeserializer<>() {
                    @Override
                    public Score deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return new Score(p.getDecimalValue());
                    }
                });
    }

    /**
     * Initialises the mapper and its serialisers for the shapes every response and log line has (maps, strings,
     * numbers, instants), and for the domain types a function stores and answers with, so that the first request
     * does not pay for it: called on a spare thread during a function's init, and before a SnapStart snapshot.
     */
    public static void prime(Class<?>... stored) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("timestamp", Instant.EPOCH);
        sample.put("amount", new BigDecimal("1.00"));
        sample.put("items", List.of(Map.of("n", 1L, "ok", true)));
        read(write(sample), Map.class);
        for (Class<?> type : stored) {
            // builds and caches the type's deserialiser and serialiser (the first read of a stored item and the
            // first answer would otherwise introspect it on the request's thread)
            MAPPER.readerFor(type);
            MAPPER.writerFor(type);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
