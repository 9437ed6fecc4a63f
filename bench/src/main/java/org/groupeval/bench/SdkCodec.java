package org.groupeval.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SDK model objects (requests, attribute values) to and from plain serialisable trees (maps, lists, strings,
 * numbers, bytes), walking the SDK's own field metadata ({@link SdkPojo#sdkFields()}), so recorded DynamoDB
 * requests can be handed to another JVM and rebuilt there with the SDK's builders.
 */
final class SdkCodec {

    private static final String CLASS = "@class";

    private SdkCodec() {
    }

    /** A top-level request or pojo, tagged with its class. */
    static Map<String, Object> encodeTop(SdkPojo pojo) {
        Map<String, Object> tree = encode(pojo);
        tree.put(CLASS, pojo.getClass().getName());
        return tree;
    }

    static Map<String, Object> encode(SdkPojo pojo) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            tree.put(field.memberName(), encodeValue(value, field));
        }
        return tree;
    }

    private static Object encodeValue(Object value, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return encode((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) value) {
                out.add(element == null ? null : encodeValue(element, member));
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, v == null ? null : encodeValue(v, member)));
            return out;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return ((SdkBytes) value).asByteArray();
        }
        if (value instanceof Serializable) {
            return value;
        }
        throw new IllegalArgumentException("cannot encode " + field.memberName() + " of type " + type);
    }

    /** A request or pojo encoded by {@link #encodeTop}, rebuilt with its class's builder. */
    static SdkPojo decodeTop(Map<String, Object> tree) {
        String className = (String) tree.get(CLASS);
        try {
            Object builder = Class.forName(className).getMethod("builder").invoke(null);
            return decode(tree, () -> (SdkPojo) builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + className + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    static SdkPojo decode(Map<String, Object> tree, Supplier<SdkPojo> newBuilder) {
        SdkPojo builder = newBuilder.get();
        for (SdkField<?> field : builder.sdkFields()) {
            if (tree.containsKey(field.memberName())) {
                field.set(builder, decodeValue(tree.get(field.memberName()), field));
            }
        }
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    @SuppressWarnings("unchecked")
    private static Object decodeValue(Object value, SdkField<?> field) {
        if (value == null) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return decode((Map<String, Object>) value, field.constructor());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (Object element : (List<Object>) value) {
                out.add(decodeValue(element, member));
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, decodeValue(v, member)));
            return out;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray((byte[]) value);
        }
        return value;
    }

    static void write(Path file, Object tree) {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object read(Path file) {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
