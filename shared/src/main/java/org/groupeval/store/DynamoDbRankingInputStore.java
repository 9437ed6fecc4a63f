package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads the review workflow's items without ever writing them (docs/data-model.md, ReviewTable), with the review's
 * own keys ({@link ReviewKeys}) and mappers: the {@link org.groupeval.domain.review.Cycle} and every stage
 * {@link ReviewSheet} the review code reads, which the ranking sees as a {@link RankingCycle} and a
 * {@link SheetSummary} each.
 */
@Singleton
public class DynamoDbRankingInputStore implements RankingInputStore {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbRankingInputStore(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    @Override
    public Optional<RankingCycle> cycle(int year) {
        StoredItem item = table.getItem(ReviewKeys.key(ReviewKeys.cycle(year), ReviewKeys.cycleItem()));
        return Optional.ofNullable(item).map(i -> RankingCycle.of(CycleMapper.fromItem(i)));
    }

    @Override
    public List<RankingCycle> cycles() {
        List<RankingCycle> cycles = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.cycles())))
                .build();
        for (Page<StoredItem> page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(item -> cycles.add(RankingCycle.of(CycleMapper.fromItem(item))));
        }
        return cycles;
    }

    @Override
    public List<Extension> extensions(int year) {
        return DynamoDbReviewStore.extensions(table, year);
    }

    @Override
    public void forEachParticipant(int year, Consumer<Participant> sink) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.participants(year))))
                .limit(StoredItem.READ_ALL_PAGE)
                .build();
        for (Page<StoredItem> page : table.index(StoredItem.GSI1).query(request)) {
            page.items().forEach(item -> sink.accept(ParticipantMapper.fromItem(item)));
        }
    }

    @Override
    public void forEachSheet(int year, String stage, BiConsumer<String, SheetSummary> sink) {
        forEachStageSheet(year, Stage.parse(stage).orElseThrow(), null,
                sheet -> sink.accept(sheet.groupId(), SheetSummary.of(sheet)));
    }

    @Override
    public void forEachStageSheet(int year, Stage stage, String district, Consumer<ReviewSheet> sink) {
        DynamoDbReviewStore.forEachInGsi1(table, ReviewKeys.stageSheets(year, stage), district,
                item -> sink.accept(SheetMapper.fromItem(item)));
    }
}
