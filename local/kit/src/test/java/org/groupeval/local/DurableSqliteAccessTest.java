package org.groupeval.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./local/run --data} promises: a write DynamoDB Local acknowledged is in the database file, so a process
 * killed right after the answer loses nothing. DynamoDB Local's own storage queues a transaction's COMMIT and answers
 * before it has run; here the SQLite thread is kept busy while a transaction commits, and the committed transaction
 * must be in the file (seen through a connection of its own) the moment the commit returns.
 */
class DurableSqliteAccessTest {

    @TempDir
    Path dir;

    @Test
    void aTransactionIsInTheFileWhenItsCommitReturns() throws Exception {
        File file = dir.resolve("shared-local-instance.db").toFile();
        DurableSqliteAccess access = new DurableSqliteAccess(file);
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean committing = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread committer = new Thread(() -> {
                try {
                    access.beginTransaction("tx-1");
                    access.enqueue(new SQLiteJob<Void>() {   // the SQLite thread is busy with another request
                        @Override
                        protected Void job(SQLiteConnection connection) throws InterruptedException {
                            release.await();
                            return null;
                        }
                    });
                    committing.set(true);
                    access.commitTransaction("tx-1", new byte[] {1});
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "committer");
            committer.start();
            // until the commit has returned, or waits for the SQLite thread
            while (committer.isAlive() && !(committing.get() && waiting(committer))) {
                Thread.sleep(1);
            }
            if (!committer.isAlive()) {
                assertNull(failure.get());
                assertEquals(1, transactionsInFile(file, "tx-1"),
                        "commitTransaction returned while its COMMIT had not run: a crash now loses the write");
            }
            release.countDown();
            committer.join();
            assertNull(failure.get());
            assertEquals(1, transactionsInFile(file, "tx-1"));
        } finally {
            access.close();
        }
    }

    @Test
    void sqliteSyncsEveryCommitToDisk() {
        DurableSqliteAccess access = new DurableSqliteAccess(dir.resolve("db.db").toFile());
        try {
            assertEquals("2", access.pragma("synchronous"), "synchronous=FULL");
            assertEquals("delete", access.pragma("journal_mode"));
        } finally {
            access.close();
        }
    }

    @Test
    void dynamoDbLocalKeepsItsTablesInTheDirectoryAcrossRestarts() {
        DynamoDbLocal first = DynamoDbLocal.start(0, dir);
        try {
            LocalTables.createAll(first.client(), SamTemplate.load());
        } finally {
            first.close();
        }
        assertTrue(dir.resolve(DurableSqliteAccess.SHARED_DB + ".db").toFile().isFile());
        DynamoDbLocal second = DynamoDbLocal.start(0, dir);
        try {
            assertEquals(SamTemplate.load().resourcesOfType("AWS::DynamoDB::Table").size(),
                    second.client().listTables().tableNames().size());
        } finally {
            second.close();
        }
    }

    private static boolean waiting(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** How many transactions with this id the database file holds, read through a connection of its own. */
    private static int transactionsInFile(File file, String transactionId) throws Exception {
        SQLiteConnection connection = new SQLiteConnection(file);
        connection.openReadonly();
        try {
            SQLiteStatement statement = connection.prepare("SELECT count(*) FROM tr WHERE TransactionId = ?");
            try {
                statement.bind(1, transactionId);
                statement.step();
                return statement.columnInt(0);
            } finally {
                statement.dispose();
            }
        } finally {
            connection.dispose();
        }
    }
}
