package org.groupeval.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import org.groupeval.domain.ranking.AwardScope;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.QuotaRounding;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.ranking.TiePolicy;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Extension;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads the review workflow's items (docs/data-model.md, ReviewTable) without ever writing them:
 * <pre>
 * cycle        pk CYCLE#{year}                 sk CYCLE            gsi3 CYCLES / {year}
 * stage sheet  pk CYCLE#{year}#GROUP#{groupId} sk SHEET#{stage}    gsi1 CYCLE#{year}#STAGE#{stage} / DISTRICT#{d}#GROUP#{g}
 * extension    pk CYCLE#{year}#GROUP#{groupId} sk EXTENSION#{stage} gsi3 CYCLE#{year}#EXTENSIONS / {stage}#{groupId}
 * </pre>
 * Cycle {@code data}: {@code year, frameworkId, frameworkVersion, award {ratio, scope, rounding, tiePolicy,
 * tieBreakCategories},
 * deadlines {self, district, city}, rankingAt}. Sheet {@code data}: {@code groupId, status, total, veto, fraud,
 * recommend, categories [{id, points, maxPoints}]}; only {@code status = SUBMITTED} counts.
 */
@Singleton
public class DynamoDbRankingInputStore implements RankingInputStore {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbRankingInputStore(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    @Override
    public Optional<RankingCycle> cycle(int year) {
        StoredItem item = table.getItem(Key.builder().partitionValue("CYCLE#" + year).sortValue("CYCLE").build());
        return Optional.ofNullable(item).map(i -> toCycle(year, i));
    }

    @Override
    public List<RankingCycle> cycles() {
        List<RankingCycle> cycles = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue("CYCLES").build()))
                .build();
        for (Page<StoredItem> page : table.index(StoredItem.GSI3).query(request)) {
            for (StoredItem item : page.items()) {
                String year = item.getGsi3sk();
                if (year != null && year.matches("\\d{4}")) {
                    cycles.add(toCycle(Integer.parseInt(year), item));
                }
            }
        }
        return cycles;
    }

    @Override
    public List<Extension> extensions(int year) {
        List<Extension> extensions = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue("CYCLE#" + year + "#EXTENSIONS").build()))
                .build();
        for (Page<StoredItem> page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(item -> extensions.add(Json.read(item.getData(), Extension.class)));
        }
        return extensions;
    }

    @Override
    public void forEachSheet(int year, String stage, BiConsumer<String, SheetSummary> sink) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue("CYCLE#" + year + "#STAGE#" + stage).build()))
                .limit(StoredItem.READ_ALL_PAGE)
                .build();
        for (Page<StoredItem> page : table.index(StoredItem.GSI1).query(request)) {
            for (StoredItem item : page.items()) {
                JsonNode data = tree(item.getData());
                String groupId = text(data, "groupId");
                if (groupId == null) {
                    String gsk = item.getGsi1sk();
                    groupId = gsk == null ? null : gsk.substring(gsk.lastIndexOf("#GROUP#") + 7);
                }
                sink.accept(groupId, toSheet(stage, item, data));
            }
        }
    }

    static SheetSummary toSheet(String stage, StoredItem item, JsonNode data) {
        String status = text(data, "status");
        if (status == null) {
            status = item.getStatus();
        }
        Map<String, BigDecimal> categories = new HashMap<>();
        JsonNode list = data.path("categories");
        if (list.isArray()) {
            for (JsonNode c : list) {
                if (c.hasNonNull("id") && c.path("points").isNumber()) {
                    categories.put(c.get("id").asText(), c.get("points").decimalValue());
                }
            }
        }
        BigDecimal total = data.path("total").isNumber() ? data.get("total").decimalValue() : null;
        boolean submitted = "SUBMITTED".equals(status) && total != null;
        return new SheetSummary(stage, submitted, total, flag(data.path("veto")), flag(data.path("fraud")),
                data.path("recommend").asBoolean(false), categories);
    }

    /** A flag as the sheet stores it: a boolean, or an object whose {@code applied} says whether it applies. */
    static boolean flag(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isObject()) {
            return node.path("applied").asBoolean(false);
        }
        return false;
    }

    static RankingCycle toCycle(int year, StoredItem item) {
        JsonNode data = tree(item.getData());
        JsonNode award = data.path("award");
        List<String> categories = new ArrayList<>();
        award.path("tieBreakCategories").forEach(c -> categories.add(c.asText()));
        AwardSettings settings = new AwardSettings(
                award.path("ratio").isNumber() ? award.get("ratio").decimalValue() : null,
                award.hasNonNull("scope") ? AwardScope.valueOf(award.get("scope").asText()) : null,
                award.hasNonNull("tiePolicy") ? TiePolicy.valueOf(award.get("tiePolicy").asText()) : null,
                categories,
                award.hasNonNull("rounding") ? QuotaRounding.valueOf(award.get("rounding").asText()) : null);
        JsonNode deadlines = data.path("deadlines");
        String rankingAt = text(data, "rankingAt");
        return new RankingCycle(year, text(data, "frameworkId"), text(data, "frameworkVersion"), settings,
                deadlines.isObject() ? new Cycle.Deadlines(text(deadlines, "self"),
                        text(deadlines, "district"), text(deadlines, "city")) : null,
                rankingAt == null ? null : instant(rankingAt));
    }


    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(iso);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
