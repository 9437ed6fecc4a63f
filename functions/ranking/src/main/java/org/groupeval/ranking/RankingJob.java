package org.groupeval.ranking;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.ranking.Ranking;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.RankingEntry;
import org.groupeval.domain.ranking.RankingOutcome;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.review.OpenStage;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.store.RankingInputStore;
import org.groupeval.store.ResultStore;
import org.groupeval.json.Json;
import org.groupeval.web.StructuredLog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs the annual ranking of one cycle and publishes a revision (rules.md §8). Reads every input page by page
 * (groups, district and city sheets, the previous year's published FAIL grades, the senior-post bonus record),
 * digests them, and writes a new revision only when the digest differs from the newest run's. The revision is
 * claimed with a conditional write, so a twice-delivered schedule or two simultaneous runs make one revision; its
 * results are written before the LATEST pointer moves to it, so readers see the previous complete revision until
 * the new one is whole.
 */
@Singleton
public class RankingJob {

    /** Part of the input digest: a change to the ranking rules makes the next run a new revision. */
    static final String ALGORITHM = "ranking/1";
    /** How long a RUNNING revision is held before a retry may take it over (the Lambda maximum run time). */
    static final Duration LEASE = Duration.ofMinutes(15);
    /** Threads for the concurrent input reads (daemon: they never keep a JVM alive). */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "ranking-reader");
        t.setDaemon(true);
        return t;
    });

    /** What a run request led to. */
    public enum Disposition {
        /** A new revision was computed and is now the latest. */
        CREATED,
        /** The inputs are those of the newest complete revision: nothing was written. */
        UNCHANGED,
        /** A run on the same inputs is being written right now: nothing was written. */
        IN_PROGRESS
    }

    public record Outcome(Disposition disposition, RankingRun run) {
    }

    @Inject
    RankingInputStore inputs;
    @Inject
    ResultStore results;
    @Inject
    Clock clock;

    public Outcome run(int year, String trigger, String requestedBy) {
        long started = System.nanoTime();
        RankingCycle cycle;
        try {
            cycle = inputs.cycle(year).orElseThrow(() -> DomainException.notFound(
                    "No cycle " + year + ": create it (POST /cycles) before ranking it."));
        } catch (IllegalArgumentException invalid) {
            throw DomainException.conflict("cycle-settings-invalid", "Cycle settings unusable",
                    "The award settings of cycle " + year + " cannot be used for ranking: " + invalid.getMessage());
        }
        Framework framework = FrameworkCatalog.builtIn().find(cycle.frameworkId(), cycle.frameworkVersion())
                .orElseThrow(() -> DomainException.conflict("cycle-framework-unknown", "Unknown framework",
                        "Cycle " + year + " pins framework " + cycle.frameworkId() + " version "
                                + cycle.frameworkVersion() + ", which this service does not know; its grade bands "
                                + "are needed to rank."));
        List<RankingEntry> entries = readEntries(cycle, framework);
        long read = System.nanoTime();
        String digest = digest(cycle, entries);
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("readMs", (read - started) / 1_000_000);
        phases.put("digestMs", (System.nanoTime() - read) / 1_000_000);
        for (int attempt = 1; attempt <= 5; attempt++) {
            Instant now = clock.instant();
            Optional<RankingRun> top = results.highestRun(year);
            RankingRun run;
            if (top.isPresent() && top.get().inputDigest().equals(digest)) {
                RankingRun same = top.get();
                if (same.status() == RunStatus.COMPLETE) {
                    results.pointLatestAtLeast(year, same.revision());
                    log("ranking unchanged", same, entries.size(), started, phases);
                    return new Outcome(Disposition.UNCHANGED, same);
                }
                if (same.status() == RunStatus.RUNNING && same.leaseUntil().isAfter(now)) {
                    return new Outcome(Disposition.IN_PROGRESS, same);
                }
                if (same.status() == RunStatus.RUNNING) {
                    // the run that held this revision crashed: take it over (same inputs, so the same results)
                    run = same.takenOver(trigger, requestedBy, now, now.plus(LEASE));
                    if (!results.replace(run, same.version())) {
                        continue;
                    }
                } else {
                    run = claimNext(cycle, framework, same.revision(), trigger, requestedBy, digest, now);
                    if (run == null) {
                        continue;
                    }
                }
            } else {
                if (top.isPresent() && top.get().status() == RunStatus.RUNNING && !top.get().leaseUntil().isAfter(now)) {
                    RankingRun stale = top.get();
                    results.replace(stale.withStatus(RunStatus.ABANDONED, now, null), stale.version());
                }
                run = claimNext(cycle, framework, top.map(RankingRun::revision).orElse(0), trigger, requestedBy,
                        digest, now);
                if (run == null) {
                    continue;
                }
            }
            int count = entries.size();
            long ranking = System.nanoTime();
            RankingOutcome outcome = Ranking.rank(year, entries, cycle.award(), framework::gradeBand);
            entries = null;   // the results carry everything from here on: let the entries go while they are written
            long writing = System.nanoTime();
            phases.put("rankMs", (writing - ranking) / 1_000_000);
            results.writeResults(year, run.revision(), outcome.results());
            phases.put("writeMs", (System.nanoTime() - writing) / 1_000_000);
            RankingRun complete = run.withStatus(RunStatus.COMPLETE, clock.instant(), outcome.summary());
            if (!results.complete(complete, run.version())) {
                throw new IllegalStateException("ranking run " + year + "/" + run.revision()
                        + " was taken over while it was being written");
            }
            log("ranking complete", complete, count, started, phases);
            return new Outcome(Disposition.CREATED, complete);
        }
        throw DomainException.conflict("ranking-busy", "Ranking runs collide",
                "Other ranking runs of " + year + " kept claiming the next revision; try again in a moment.");
    }

    private RankingRun claimNext(RankingCycle cycle, Framework framework, int after, String trigger,
                                 String requestedBy, String digest, Instant now) {
        RankingRun run = new RankingRun(cycle.year(), after + 1, RunStatus.RUNNING, trigger, requestedBy, now, null,
                now.plus(LEASE), digest, framework.id(), framework.version(), cycle.award(), null, null, null, null,
                1L);
        return results.claim(run) ? run : null;
    }

    /**
     * Publishes a complete revision to schools. Publishing the published revision again changes nothing and answers
     * the publication as it stands (so do the losers of simultaneous publications of one revision). While a stage
     * of the year is open (or a group's extension runs) publication is refused with 409 {@code stages-open}, unless
     * {@code allowOpenStages}: then the open stages are recorded on the publication.
     */
    public Outcome publish(int year, int revision, String by, boolean allowOpenStages) {
        // the pointer before the run: a run read after the pointer names it carries that publication
        OptionalInt current = results.publishedRevision(year);
        RankingRun run = results.run(year, revision).orElseThrow(() -> DomainException.notFound(
                "No ranking revision " + revision + " of " + year + "."));
        if (run.status() != RunStatus.COMPLETE) {
            throw DomainException.conflict("ranking-not-complete", "Revision not complete",
                    "Revision " + revision + " of " + year + " is " + run.status() + "; only a complete revision "
                            + "can be published.");
        }
        if (current.isPresent() && current.getAsInt() == revision) {
            return new Outcome(Disposition.UNCHANGED, run);
        }
        Instant now = clock.instant();
        List<OpenStage> open = openStages(year, now);
        if (!open.isEmpty() && !allowOpenStages) {
            throw stagesOpen(year, revision, open);
        }
        Set<String> granted = bonusGroups(year, revision);
        Set<String> before = current.isPresent() ? bonusGroups(year, current.getAsInt()) : Set.of();
        // the bonus records first: a publication that fails after them is repeated, and repeats them
        settleSeniorPostBonus(year, revision, granted, before);
        RankingRun published = run.published(by, now, open);
        if (!results.publish(published, run.version(), current)) {
            OptionalInt nowPublished = results.publishedRevision(year);
            if (nowPublished.isPresent() && nowPublished.getAsInt() == revision) {
                // a simultaneous publication of this revision won: it is the publication
                return new Outcome(Disposition.UNCHANGED, results.run(year, revision).orElseThrow());
            }
            if (nowPublished.isPresent()) {
                // another revision was published meanwhile: the bonus records follow it, not this attempt
                Set<String> touched = new HashSet<>(granted);
                touched.addAll(before);
                settleSeniorPostBonus(year, nowPublished.getAsInt(), bonusGroups(year, nowPublished.getAsInt()),
                        touched);
            }
            throw DomainException.conflict("ranking-changed", "Another revision was published",
                    "Revision " + (nowPublished.isPresent() ? nowPublished.getAsInt() : "?") + " of " + year
                            + " was published while revision " + revision + " was being published; read the "
                            + "latest run and publish again if revision " + revision + " is the one to publish.");
        }
        if (!open.isEmpty()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("year", year);
            line.put("revision", revision);
            line.put("publishedBy", by);
            line.put("openStages", open.stream().map(OpenStage::describe).toList());
            StructuredLog.info("ranking published while stages are open", line);
        }
        return new Outcome(Disposition.CREATED, published);
    }

    /** The stages of the year still accepting writes at {@code now} (ReviewRules.openStages). */
    public List<OpenStage> openStages(int year, Instant now) {
        RankingCycle cycle = inputs.cycle(year).orElseThrow(() -> DomainException.notFound(
                "No cycle " + year + "."));
        return cycle.deadlines() == null ? List.of()
                : ReviewRules.openStages(cycle.deadlines(), inputs.extensions(year), now);
    }

    private static DomainException stagesOpen(int year, int revision, List<OpenStage> open) {
        List<OpenStage> stages = open.stream().filter(o -> o.groupId() == null).toList();
        List<OpenStage> extensions = open.stream().filter(o -> o.groupId() != null).toList();
        return DomainException.conflict("stages-open", "Stages still open", "Cycle " + year + " still accepts sheets: "
                        + open.stream().map(OpenStage::describe).collect(Collectors.joining("; "))
                        + ". Publish revision " + revision + " once they have closed, or publish it now with "
                        + "?allowOpenStages=true (the open stages are then recorded on the publication).")
                .with("openStages", stages).with("openExtensions", extensions);
    }

    /** The bonus records of {@code year} as revision {@code revision} grants them: recorded, and others cleared. */
    private void settleSeniorPostBonus(int year, int revision, Set<String> granted, Set<String> others) {
        for (String groupId : others) {
            if (!granted.contains(groupId)) {
                results.clearSeniorPostBonus(groupId, year);
            }
        }
        for (String groupId : granted) {
            results.recordSeniorPostBonus(groupId, year, revision);
        }
    }

    private Set<String> bonusGroups(int year, int revision) {
        Set<String> ids = new HashSet<>();
        results.forEachResult(year, revision, new ResultStore.ResultFilter(null, Grade.EXCELLENT, null), r -> {
            if (r.seniorPostBonus()) {
                ids.add(r.groupId());
            }
        });
        return ids;
    }

    // ---- inputs ------------------------------------------------------------------------------------------------------

    /** What the ranking needs of a participant: its snapshot's name, district and type (the rest is not kept). */
    private record Registered(String groupId, String name, String district, String type) {
    }

    private List<RankingEntry> readEntries(RankingCycle cycle, Framework framework) {
        int year = cycle.year();
        // the four independent reads go out at once: DynamoDB latency, not CPU, bounds a 100,000-group cycle
        CompletableFuture<List<Registered>> registered = CompletableFuture.supplyAsync(() -> participants(year),
                READERS);
        CompletableFuture<Map<String, SheetSummary>> districtSheets = CompletableFuture.supplyAsync(
                () -> sheets(year, "district"), READERS);
        CompletableFuture<Map<String, SheetSummary>> citySheets = CompletableFuture.supplyAsync(
                () -> sheets(year, "city"), READERS);
        CompletableFuture<Set<String>> failed = CompletableFuture.supplyAsync(() -> {
            OptionalInt previous = results.publishedRevision(year - 1);
            return previous.isPresent() ? results.groupsGraded(year - 1, previous.getAsInt(), Grade.FAIL) : Set.of();
        }, READERS);
        Map<String, SheetSummary> district = join(districtSheets);
        Map<String, SheetSummary> city = join(citySheets);
        Set<String> failedBefore = join(failed);
        List<Registered> groupList = join(registered);
        List<RankingEntry> entries = new ArrayList<>(groupList.size());
        List<String> bonusCandidates = new ArrayList<>();
        for (Registered g : groupList) {
            SheetSummary d = district.remove(g.groupId());
            SheetSummary c = city.remove(g.groupId());
            RankingEntry e = RankingEntry.of(g.groupId(), g.name(), g.district(), g.type(), d, c,
                    failedBefore.contains(g.groupId()), null);
            entries.add(e);
            if (Ranking.seniorPostCandidate(e, framework::gradeBand)) {
                bonusCandidates.add(g.groupId());
            }
        }
        if (!bonusCandidates.isEmpty()) {
            // only a grant of an earlier year is an input: this year's own publication records one too
            Map<String, Integer> years = new HashMap<>();
            results.seniorPostBonusYears(bonusCandidates).forEach((groupId, grantedIn) -> {
                Integer earlier = Ranking.earlierGrant(year, grantedIn);
                if (earlier != null) {
                    years.put(groupId, earlier);
                }
            });
            if (!years.isEmpty()) {
                entries.replaceAll(e -> years.containsKey(e.groupId())
                        ? e.withSeniorPostBonusYear(years.get(e.groupId())) : e);
            }
        }
        entries.sort(Comparator.comparing(RankingEntry::groupId));
        return entries;
    }

    /**
     * The cycle's enrolled participants, page by page, each as its snapshot shows it (the group as it was when the
     * self-assessment closed); withdrawn ones are left out (docs/review.md, Participation).
     */
    private List<Registered> participants(int year) {
        List<Registered> all = new ArrayList<>();
        inputs.forEachParticipant(year, p -> {
            if (p.enrolled()) {
                all.add(new Registered(p.groupId(), p.snapshot().name(), p.snapshot().district(),
                        p.snapshot().type()));
            }
        });
        return all;
    }

    private Map<String, SheetSummary> sheets(int year, String stage) {
        Map<String, SheetSummary> sheets = new HashMap<>();
        inputs.forEachSheet(year, stage, sheets::put);
        return sheets;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** SHA-256 over the rules version, the cycle settings and every entry in group-id order. */
    static String digest(RankingCycle cycle, List<RankingEntry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("algorithm", ALGORITHM);
            head.put("year", cycle.year());
            head.put("frameworkId", cycle.frameworkId());
            head.put("frameworkVersion", cycle.frameworkVersion());
            head.put("award", cycle.award());
            sha.update(Json.write(head).getBytes(StandardCharsets.UTF_8));
            for (RankingEntry e : entries) {
                sha.update((byte) '\n');
                sha.update(Json.write(e).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String message, RankingRun run, int groups, long startedNanos, Map<String, Long> phases) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("year", run.year());
        fields.put("revision", run.revision());
        fields.put("trigger", run.trigger());
        fields.put("groups", groups);
        fields.put("inputDigest", run.inputDigest());
        fields.put("elapsedMs", (System.nanoTime() - startedNanos) / 1_000_000);
        fields.putAll(phases);
        StructuredLog.info(message, fields);
    }
}
