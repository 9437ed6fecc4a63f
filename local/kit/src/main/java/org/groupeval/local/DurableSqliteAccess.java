package org.groupeval.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.dynamodb.services.local.shared.access.LocalDBClient;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess;

import java.io.File;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * DynamoDB Local's SQLite storage with one change: a transaction is committed before DynamoDB Local answers it.
 *
 * <p>DynamoDB Local (3.3.1) runs every SQLite statement as a job on one SQLite thread and waits for each job, except
 * the last step of a transaction ({@code TransactWriteItems}): {@code SQLiteDBAccess.commitTransaction} queues the
 * job that records the transaction and runs {@code COMMIT}, and returns without waiting for it. DynamoDB Local then
 * answers 200 while the COMMIT may not have run yet; a process killed in that moment loses a write its caller saw
 * succeed. Here {@link #commitTransaction} waits until the queued COMMIT has run (the SQLite thread runs its jobs in
 * order, so a job queued after it finishes after it) and fails if it did not succeed.
 *
 * <p>SQLite itself is left at its defaults, which are durable: a rollback journal and {@code synchronous=FULL}, so
 * a committed transaction is on disk, not only in the operating system's cache, when COMMIT returns.
 */
final class DurableSqliteAccess extends SQLiteDBAccess {

    /** The database DynamoDB Local's {@code -sharedDb} mode uses: {@code <dbPath>/shared-local-instance.db}. */
    static final String SHARED_DB = "shared-local-instance";

    /** {@code databaseFile == null}: in memory. */
    DurableSqliteAccess(File databaseFile) {
        super(databaseFile);
    }

    @Override
    public void commitTransaction(String transactionId, byte[] signature) {
        super.commitTransaction(transactionId, signature);
        awaitQueuedJobs();
    }

    @Override
    public void rollbackTransaction() {
        super.rollbackTransaction();
        awaitQueuedJobs();
    }

    /** Queues a job on DynamoDB Local's SQLite thread, after every job queued so far. */
    <T, J extends SQLiteJob<T>> J enqueue(J job) {
        return queue.execute(job);
    }

    /** Returns once every job queued so far on the SQLite thread has run. */
    void awaitQueuedJobs() {
        try {
            enqueue(new SQLiteJob<Void>() {
                @Override
                protected Void job(SQLiteConnection connection) {
                    return null;
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a transaction's COMMIT", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DynamoDB Local's SQLite thread failed: " + e.getCause(), e.getCause());
        }
    }

    /** The SQLite value of a {@code PRAGMA} on DynamoDB Local's own connection (tests). */
    String pragma(String name) {
        try {
            return enqueue(new SQLiteJob<String>() {
                @Override
                protected String job(SQLiteConnection connection) throws Throwable {
                    var statement = connection.prepare("PRAGMA " + name);
                    try {
                        return statement.step() ? statement.columnString(0) : null;
                    } finally {
                        statement.dispose();
                    }
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Makes {@code handler} (a {@code -sharedDb} request handler) use this storage for its one database:
     * DynamoDB Local creates its storage on the first request, under {@link #SHARED_DB}, unless one is there.
     */
    static DurableSqliteAccess installIn(LocalDynamoDBRequestHandler handler, File databaseFile) {
        DurableSqliteAccess access = new DurableSqliteAccess(databaseFile);
        try {
            Field field = LocalDynamoDBRequestHandler.class.getDeclaredField("dbRequestHandlers");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, AmazonDynamoDBLocal> databases = (Map<String, AmazonDynamoDBLocal>) field.get(handler);
            databases.put(SHARED_DB, new LocalDBClient(access));
            return access;
        } catch (ReflectiveOperationException | RuntimeException e) {
            access.close();
            throw new IllegalStateException("this DynamoDB Local version keeps its databases differently; "
                    + "DurableSqliteAccess needs updating: " + e, e);
        }
    }
}
