package org.groupeval.store;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items and, when more remain, where the next page starts. From a store, {@code nextToken}
 * is the store's {@link PageCursor}; in a response, the caller's sealed token ({@code org.groupeval.web.PageTokens}).
 */
public record Page<T>(List<T> items, String nextToken) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextToken);
    }
}
