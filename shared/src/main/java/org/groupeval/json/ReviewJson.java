package org.groupeval.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.LocalizedText;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.review.PanelScore;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;
import org.groupeval.domain.scoring.BonusAward;
import org.groupeval.domain.scoring.CategoryScore;
import org.groupeval.domain.scoring.Explanation;
import org.groupeval.domain.scoring.IndicatorInputs;
import org.groupeval.domain.scoring.IndicatorScore;
import org.groupeval.domain.scoring.Sanction;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.SheetEntry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the review's types are written as JSON, in answers and in ReviewTable's {@code data} alike (docs/review.md,
 * Sheets; docs/data-model.md, ReviewTable): a stage by its code ({@code self}, {@code district}, {@code city}), a
 * sheet's indicator inputs as the object they were sent as, and a sheet as one flat object ({@link Flat}).
 */
final class ReviewJson {

    private ReviewJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("review")
                .addSerializer(Stage.class, serializer((stage, gen, provider) -> gen.writeString(stage.code())))
                .addDeserializer(Stage.class, deserializer((p, ctxt) -> {
                    String code = p.getValueAsString();
                    return Stage.parse(code).orElseThrow(() -> ctxt.weirdStringException(code, Stage.class,
                            "not one of self, district, city"));
                }))
                .addSerializer(IndicatorInputs.class, serializer((inputs, gen, provider) ->
                        provider.defaultSerializeValue(inputs.values(), gen)))
                .addDeserializer(IndicatorInputs.class, deserializer((p, ctxt) -> {
                    if (!p.hasToken(JsonToken.START_OBJECT)) {
                        return (IndicatorInputs) ctxt.reportInputMismatch(IndicatorInputs.class,
                                "must be an object: each indicator's id with its input");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = ctxt.readValue(p, Map.class);
                    return new IndicatorInputs(values);
                }))
                .addSerializer(ReviewSheet.class, new StdDelegatingSerializer(new ToFlat()))
                .addDeserializer(ReviewSheet.class, new StdDelegatingDeserializer<>(new FromFlat()));
    }

    /** How a value is written. */
    interface Writer<T> {
        void write(T value, JsonGenerator gen, SerializerProvider provider) throws IOException;
    }

    /** How a value is read. */
    interface Reader<T> {
        T read(JsonParser p, DeserializationContext ctxt) throws IOException;
    }

    static <T> JsonSerializer<T> serializer(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writer.write(value, gen, provider);
            }
        };
    }

    static <T> JsonDeserializer<T> deserializer(Reader<T> reader) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return reader.read(p, ctxt);
            }
        };
    }

    /**
     * A sheet as one flat object: what the ranking reads first ({@code groupId, year, stage, district, status, total,
     * grade, veto, fraud, complete, recommend, submittedAt}), with the expert's subject and name on an expert's sheet,
     * then the scorer's breakdown beside them, the panel on a panel cycle's city sheet, the input, and who wrote it
     * when. Members that are null are left out, as everywhere.
     */
    record Flat(String groupId, int year, Stage stage, String expertSub, String expertName, String district,
                SheetStatus status, Score total, Grade grade, boolean veto, String vetoReason, boolean fraud,
                String fraudReason, boolean complete, Boolean recommend, Boolean noSelfAssessment, Instant submittedAt,
                String submittedBy, String frameworkId, String frameworkVersion, Score baseTotal, Score bonus,
                Score maxScore, LocalizedText gradeLabel, Grade bandGrade, Explanation gradeExplanation,
                List<String> missingIndicators, BonusAward bonusDetail, List<CategoryScore> categories,
                Map<String, IndicatorScore> indicators, PanelScore panel, SheetEntry input, Instant createdAt,
                Instant updatedAt, String updatedBy, long version) {
    }

    static final class ToFlat extends StdConverter<ReviewSheet, Flat> {
        @Override
        public Flat convert(ReviewSheet s) {
            ScoredSheet score = s.score() == null ? new ScoredSheet(null, null, null, null, null, null, null, null,
                    null, null, false, null, Sanction.NONE, Sanction.NONE, null, null, null) : s.score();
            Sanction veto = score.veto() == null ? Sanction.NONE : score.veto();
            Sanction fraud = score.fraud() == null ? Sanction.NONE : score.fraud();
            return new Flat(s.groupId(), s.year(), s.stage(), s.expertSub(), s.expertName(), s.district(),
                    s.status(), score.total(), score.grade(), veto.applied(), veto.reason(), fraud.applied(),
                    fraud.reason(), score.complete(), s.recommend(), s.noSelfAssessment(), s.submittedAt(),
                    s.submittedBy(), score.frameworkId(), score.frameworkVersion(), score.baseTotal(), score.bonus(),
                    score.maxScore(), score.gradeLabel(), score.bandGrade(), score.gradeExplanation(),
                    score.missingIndicators(), score.bonusDetail(), score.categories(), score.indicators(),
                    s.panel(), s.input(), s.createdAt(), s.updatedAt(), s.updatedBy(), s.version());
        }
    }

    static final class FromFlat extends StdConverter<Flat, ReviewSheet> {
        @Override
        public ReviewSheet convert(Flat f) {
            ScoredSheet score = new ScoredSheet(f.frameworkId(), f.frameworkVersion(), f.total(), f.baseTotal(),
                    f.bonus(), f.maxScore(), f.grade(), f.gradeLabel(), f.bandGrade(), f.gradeExplanation(),
                    f.complete(), f.missingIndicators(), new Sanction(f.veto(), f.vetoReason()),
                    new Sanction(f.fraud(), f.fraudReason()), f.bonusDetail(), f.categories(), f.indicators());
            return new ReviewSheet(f.groupId(), f.year(), f.stage(), f.expertSub(), f.expertName(), f.district(),
                    f.status(), f.input(), f.recommend(), f.noSelfAssessment(), score, f.panel(), f.createdAt(),
                    f.updatedAt(), f.updatedBy(), f.submittedAt(), f.submittedBy(), f.version());
        }
    }
}
