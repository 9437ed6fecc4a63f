package org.groupeval.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the SDK requests a handler makes (registered as a global SDK interceptor in the warm-phase child JVM
 * only), so that the harness can replay exactly those calls on a bare client and undo exactly those writes.
 */
public final class Recorder implements ExecutionInterceptor {

    private static final List<SdkRequest> CALLS = new ArrayList<>();
    private static volatile boolean recording;

    /**
     * Recorded when the request is about to go on the wire, not when its execution begins: a presigned URL
     * (the evidence upload) runs the interceptors' first stages too, but is never sent.
     */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (recording) {
            synchronized (CALLS) {
                CALLS.add(context.request());
            }
        }
    }

    static void start() {
        synchronized (CALLS) {
            CALLS.clear();
        }
        recording = true;
    }

    static List<SdkRequest> stop() {
        recording = false;
        synchronized (CALLS) {
            List<SdkRequest> calls = List.copyOf(CALLS);
            CALLS.clear();
            return calls;
        }
    }
}
