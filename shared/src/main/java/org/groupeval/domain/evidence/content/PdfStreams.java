package org.groupeval.domain.evidence.content;

import org.groupeval.domain.evidence.content.PdfParser.Name;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.groupeval.domain.evidence.content.PdfParser.arrayOf;
import static org.groupeval.domain.evidence.content.PdfParser.describe;
import static org.groupeval.domain.evidence.content.PdfParser.dictOf;

/**
 * The decoding of a PDF's object and cross-reference streams (ISO 32000-1 §7.4): Flate, with the PNG predictors those
 * streams use. Everything one file's streams inflate to counts against {@link PdfStructure#MAX_DECODED}, so a
 * compression bomb stops there, mid-inflation.
 */
final class PdfStreams {

    private long decoded;

    /**
     * The data of stream object {@code num} ({@code data}, as stored), inflated and un-predicted as its dictionary's
     * filter says (FlateDecode, or none).
     */
    byte[] decode(Map<String, Object> dict, byte[] data, long num) {
        Object filter = dict.get("Filter");
        List<Object> filters = filter == null ? List.of() : filter instanceof List<?> l ? arrayOf(l) : List.of(filter);
        Object parms = dict.get("DecodeParms");
        for (int i = 0; i < filters.size(); i++) {
            if (!new Name("FlateDecode").equals(filters.get(i))) {
                throw new Defect("object stream " + num + " uses the filter " + describe(filters.get(i))
                        + ", which the check cannot read; save the file again with a current PDF writer");
            }
            data = inflate(data, num);
            Object p = parms instanceof List<?> list ? (i < list.size() ? list.get(i) : null) : parms;
            if (p instanceof Map<?, ?> map && dictOf(map).get("Predictor") instanceof Long predictor && predictor > 1) {
                data = unpredict(data, predictor, dictOf(map), num);
            }
        }
        return data;
    }

    private byte[] inflate(byte[] data, long num) {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                decoded += n;
                if (decoded > PdfStructure.MAX_DECODED) {
                    throw new Defect("its compressed streams inflate to more than "
                            + PdfStructure.MAX_DECODED / (1024 * 1024) + " MiB (a compression bomb)");
                }
            }
        } catch (DataFormatException e) {
            throw new Defect("the compressed data of object " + num + " is damaged");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** PNG predictors (10–15), as cross-reference and object streams use them. */
    private static byte[] unpredict(byte[] data, long predictor, Map<String, Object> parms, long num) {
        if (predictor < 10) {
            throw new Defect("object " + num + " uses the TIFF predictor, which the check cannot read");
        }
        long columns = parms.get("Columns") instanceof Long c ? c : 1;
        long colors = parms.get("Colors") instanceof Long c ? c : 1;
        long bits = parms.get("BitsPerComponent") instanceof Long b ? b : 8;
        int bpp = (int) Math.max(1, (colors * bits + 7) / 8);
        int row = (int) ((columns * colors * bits + 7) / 8);
        if (row <= 0 || row > 1 << 20) {
            throw new Defect("object " + num + " has bad predictor parameters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = new byte[row];
        byte[] current = new byte[row];
        for (int pos = 0; pos + row + 1 <= data.length; pos += row + 1) {
            int type = data[pos] & 0xFF;
            for (int i = 0; i < row; i++) {
                int raw = data[pos + 1 + i] & 0xFF;
                int left = i >= bpp ? current[i - bpp] & 0xFF : 0;
                int up = previous[i] & 0xFF;
                int upLeft = i >= bpp ? previous[i - bpp] & 0xFF : 0;
                int value = switch (type) {
                    case 0 -> raw;
                    case 1 -> raw + left;
                    case 2 -> raw + up;
                    case 3 -> raw + (left + up) / 2;
                    case 4 -> raw + paeth(left, up, upLeft);
                    default -> throw new Defect("object " + num + " has a bad PNG predictor row");
                };
                current[i] = (byte) value;
            }
            out.write(current, 0, row);
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        return out.toByteArray();
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
