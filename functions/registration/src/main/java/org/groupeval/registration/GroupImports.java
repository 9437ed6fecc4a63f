package org.groupeval.registration;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupImport;
import org.groupeval.domain.spreadsheet.XlsxReader;
import org.groupeval.store.GroupStore;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.web.StructuredLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.List;

/**
 * Groups registered from a spreadsheet, all or none (docs/api.md, Group import). Every row is checked first (the
 * rules of a registration, each school once in the file and in no registered group); then the rows are registered
 * one by one through {@link GroupRegistrations}, as {@code POST /groups} registers a group, each in its own
 * transaction (a file holds more groups than one DynamoDB transaction can). Should a row fail while it is written (a
 * school registered by someone else since the check, a fault), the groups already written for the file are taken
 * back before the refusal is answered, so nothing of the file remains.
 */
@Singleton
class GroupImports {

    /** The answer: one entry per row, in the file's order. */
    record Imported(int created, List<ImportedRow> rows) {
    }

    /** A row and the group registered from it. */
    record ImportedRow(int row, String groupId, String name, String coreSchool) {
    }

    /** An import and whether it is the first result kept under the request's Idempotency-Key. */
    record Outcome(Imported imported, boolean replayed) {
    }

    /** Runs before each row is written; a test makes a registration race the import there. */
    Consumer<GroupImport.Row> beforeWrite = row -> { };

    private final GroupRegistrations registrations;
    private final GroupStore groups;
    private final Clock clock;

    GroupImports(GroupRegistrations registrations, GroupStore groups, Clock clock) {
        this.registrations = registrations;
        this.groups = groups;
        this.clock = clock;
    }

    Outcome importFile(byte[] file, IdempotencyKey key) {
        if (key != null) {
            var first = groups.replay(key, Imported.class);
            if (first.isPresent()) {
                return new Outcome(first.get(), true);
            }
        }
        List<GroupImport.Row> rows = GroupImport.rows(XlsxReader.read(file, GroupImport.LAYOUT));
        GroupImport.checkNotClaimed(rows, groups.holders(rows.stream()
                .flatMap(r -> r.request().schools().stream().map(s -> s.code())).toList()));
        List<Group> written = new ArrayList<>();
        List<ImportedRow> answer = new ArrayList<>();
        for (GroupImport.Row row : rows) {
            try {
                beforeWrite.accept(row);
                Group group = registrations.register(row.request(), null).group();
                written.add(group);
                answer.add(new ImportedRow(row.excelRow(), group.groupId(), group.name(),
                        group.coreSchool().code()));
            } catch (RuntimeException failure) {
                undo(written);
                if (failure instanceof DomainException refused && refused.status() == 409) {
                    throw GroupImport.takenWhileWriting(row, refused);
                }
                throw failure;
            }
        }
        Imported imported = new Imported(answer.size(), answer);
        if (key != null) {
            groups.remember(key, "import", imported, clock.instant());
        }
        return new Outcome(imported, false);
    }

    /** Takes back every group written for the file, the last first; what cannot be taken back is logged. */
    private void undo(List<Group> written) {
        for (int i = written.size() - 1; i >= 0; i--) {
            Group group = written.get(i);
            try {
                registrations.undo(group);
            } catch (RuntimeException e) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("groupId", group.groupId());
                line.put("error", e.toString());
                StructuredLog.error("a group written for a refused import could not be taken back", line);
            }
        }
    }
}
