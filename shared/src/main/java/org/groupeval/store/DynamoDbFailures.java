package org.groupeval.store;

import jakarta.inject.Singleton;

/** DynamoDB's refusals for the moment ({@link Contention}) and for size ({@link ItemSize}). */
@Singleton
public class DynamoDbFailures implements StorageFailures {

    @Override
    public boolean busy(Throwable failure) {
        return Contention.busy(failure);
    }

    @Override
    public boolean tooLarge(Throwable failure) {
        return ItemSize.exceeded(failure);
    }
}
