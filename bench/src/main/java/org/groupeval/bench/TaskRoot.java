package org.groupeval.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's package as Lambda runs it: the java17 runtime extracts the deployed .zip or .jar into
 * {@code /var/task} and loads the handler from that directory (its customer class loader lists the directory and the
 * jars of {@code /var/task/lib}), so classes and resources are read as files, not from inside a jar. The benchmark's
 * children do the same with the function's jar extracted here.
 */
final class TaskRoot {

    private TaskRoot() {
    }

    /** Extracts {@code jar} into {@code dir} (created; entries that would land outside it are refused). */
    static void extract(Path jar, Path dir) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        Files.createDirectories(base);
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = base.resolve(entry.getName()).normalize();
                if (!target.startsWith(base)) {
                    throw new IOException(jar + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }
}
