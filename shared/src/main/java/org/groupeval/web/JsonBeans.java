package org.groupeval.web;

import org.groupeval.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.jackson.ObjectMapperFactory;
import jakarta.inject.Singleton;

/**
 * Micronaut's JSON beans use the project's one mapper ({@link Json#MAPPER}) instead of building a second one at
 * start-up: Micronaut's own ObjectMapper factory scans for modules and configures a mapper nobody here reads
 * (handlers render JSON with {@link Json}), which cost a quarter of a second of every cold start.
 */
@Factory
public class JsonBeans {

    @Singleton
    @Replaces(bean = ObjectMapper.class, factory = ObjectMapperFactory.class)
    public ObjectMapper objectMapper() {
        return Json.MAPPER;
    }
}
