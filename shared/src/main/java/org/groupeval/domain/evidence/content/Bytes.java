package org.groupeval.domain.evidence.content;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file's bytes for the structure checks, read at any position through a small window (a file of tens of
 * megabytes is never held in memory whole). Also wraps a byte array, for a part inflated from an archive.
 */
public final class Bytes implements Closeable {

    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final byte[] array;
    private final long length;
    private final byte[] window;
    private long windowStart = -1;
    private int windowLength;

    private Bytes(FileChannel channel, byte[] array, long length) {
        this.channel = channel;
        this.array = array;
        this.length = length;
        this.window = channel == null ? null : new byte[WINDOW];
    }

    public static Bytes of(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new Bytes(channel, null, channel.size());
    }

    public static Bytes of(byte[] data) {
        return new Bytes(null, data, data.length);
    }

    public long length() {
        return length;
    }

    /** The byte at {@code pos} (0–255), or -1 outside the file. */
    public int at(long pos) {
        if (pos < 0 || pos >= length) {
            return -1;
        }
        if (array != null) {
            return array[(int) pos] & 0xFF;
        }
        if (pos < windowStart || pos >= windowStart + windowLength) {
            fill(pos - pos % WINDOW);
        }
        return window[(int) (pos - windowStart)] & 0xFF;
    }

    private void fill(long pos) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(window);
            int read = 0;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, pos + read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            windowStart = pos;
            windowLength = read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} bytes from {@code pos} (fewer at the end of the file). */
    public byte[] get(long pos, int count) {
        int n = (int) Math.max(0, Math.min(count, length - pos));
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) at(pos + i);
        }
        return out;
    }

    /** Whether the bytes at {@code pos} are {@code ascii}. */
    public boolean startsWith(long pos, String ascii) {
        if (pos < 0 || pos + ascii.length() > length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (at(pos + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public String ascii(long pos, int count) {
        return new String(get(pos, count), StandardCharsets.ISO_8859_1);
    }

    /** Little-endian unsigned 16 and 32 bits (ZIP). */
    public int u16le(long pos) {
        return at(pos) | at(pos + 1) << 8;
    }

    public long u32le(long pos) {
        return (long) u16le(pos) | (long) u16le(pos + 2) << 16;
    }

    /** Big-endian unsigned 16 and 32 bits (PNG, JPEG, MP4). */
    public int u16be(long pos) {
        return at(pos) << 8 | at(pos + 1);
    }

    public long u32be(long pos) {
        return (long) u16be(pos) << 16 | u16be(pos + 2);
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive) as a stream. */
    public InputStream stream(long from, long to) {
        return new InputStream() {
            private long pos = from;

            @Override
            public int read() {
                return pos < to ? at(pos++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= to) {
                    return -1;
                }
                int n = (int) Math.min(len, to - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) at(pos++);
                }
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
