package org.groupeval.web;

/** One route of a function: parse, identify, call the domain, map the result. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
