package org.groupeval.store;

/** Whether a year's results are published (the ranking's {@code RUN#PUBLISHED} pointer exists). */
public interface Publications {

    boolean published(int year);
}
