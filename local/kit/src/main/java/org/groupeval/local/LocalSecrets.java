package org.groupeval.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets template.yaml declares ({@code AWS::SecretsManager::Secret} with {@code GenerateSecretString}) as the
 * local stack, the tests and the benchmark resolve the {@code {{resolve:secretsmanager:…}}} references to them: made
 * once per JVM as Secrets Manager would make them (the declared {@code PasswordLength} of letters and digits), or,
 * after {@link #keepIn}, read from and written to a directory, so that a stack restarted on the same {@code --data}
 * keeps them (and with them, e.g., the page tokens it issued).
 */
public final class LocalSecrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Secrets Manager's default length when a template names none. */
    private static final int DEFAULT_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static Path directory;

    private LocalSecrets() {
    }

    /** Keeps the secrets not yet made in {@code dir} (one file per secret, named by its logical id). */
    public static synchronized void keepIn(Path dir) {
        directory = dir;
    }

    /** The value of the secret the template declares as {@code logicalId}, with its {@code properties}. */
    static synchronized String value(String logicalId, Map<String, Object> properties) {
        String known = VALUES.get(logicalId);
        if (known != null) {
            return known;
        }
        Path file = directory == null ? null : directory.resolve(logicalId);
        String value;
        try {
            if (file != null && Files.exists(file)) {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            } else {
                value = generate(SamTemplate.map(properties.get("GenerateSecretString")));
                if (file != null) {
                    write(file, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local secret " + logicalId + " in " + directory, e);
        }
        VALUES.put(logicalId, value);
        return value;
    }

    private static String generate(Map<String, Object> spec) {
        Object length = spec.get("PasswordLength");
        int n = length == null ? DEFAULT_LENGTH : Integer.parseInt(String.valueOf(length));
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    }
}
