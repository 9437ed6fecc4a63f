package org.groupeval.store;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items and, when more remain, an opaque token for the next page. */
public record Page<T>(List<T> items, String nextToken) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextToken);
    }
}
