package org.groupeval.local.stack;

import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SamTemplate;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.PageTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml is the single source of truth for wiring: everything it names exists and matches the code. */
class TemplateConsistencyTest {

    private static final Path ROOT = SamTemplate.repoRoot();
    private static SamTemplate template;

    @BeforeAll
    static void load() {
        LocalAws.start();
        template = SamTemplate.load();
    }

    @Test
    void everyHandlerClassExistsAndServesExactlyItsTemplateRoutes() throws Exception {
        assertFalse(template.functions().isEmpty());
        for (SamTemplate.Function function : template.functions()) {
            Class<?> handler = Class.forName(function.handlerClass());
            assertTrue(function.handler().endsWith("::handleRequest"), function.handler());
            Set<String> declared = new HashSet<>();
            function.routes().forEach(r -> declared.add(r.routeKey()));
            if (ApiHandler.class.isAssignableFrom(handler)) {
                ApiHandler instance = (ApiHandler) handler.getConstructor().newInstance();
                assertEquals(declared, instance.routeKeys(), function.logicalId() + " routes vs template");
            } else {
                assertTrue(declared.isEmpty(), function.logicalId() + " has HTTP routes but is not an ApiHandler");
            }
        }
    }

    @Test
    void everyFunctionThatPagesGetsThePageTokenSecretAndDoesNotStartWithoutIt() throws Exception {
        Map<String, Object> secret = template.resources().get("PageTokenSecret");
        assertEquals("AWS::SecretsManager::Secret", secret.get("Type"));
        Map<String, Object> reference = Map.of("Fn::Sub", "{{resolve:secretsmanager:${PageTokenSecret}:SecretString}}");
        Set<String> paging = new HashSet<>();
        for (SamTemplate.Function function : template.functions()) {
            Class<?> handler = Class.forName(function.handlerClass());
            boolean pages = Stream.of(handler.getDeclaredFields()).anyMatch(f -> f.getType() == PageTokens.class);
            Object declared = SamTemplate.map(SamTemplate.map(function.properties().get("Environment"))
                    .get("Variables")).get(PageTokens.SECRET);
            // only the functions that page a list hold the key, and locally they get one as long as the template's
            assertEquals(pages ? reference : null, declared, function.logicalId());
            if (pages) {
                paging.add(function.logicalId());
                assertEquals(64, function.environment().get(PageTokens.SECRET).length(), function.logicalId());
            }
        }
        assertEquals(Set.of("RegistrationFunction", "ScoringFunction", "EvidenceFunction", "RankingFunction"), paging);
        String key = System.getProperty(PageTokens.SECRET);
        try {
            for (String missingOrShort : new String[] {"", "x".repeat(PageTokens.MIN_SECRET_LENGTH - 1)}) {
                System.setProperty(PageTokens.SECRET, missingOrShort);
                for (String logicalId : paging) {
                    Class<?> handler = Class.forName(template.function(logicalId).orElseThrow().handlerClass());
                    Throwable refused = assertThrows(InvocationTargetException.class,
                            () -> handler.getConstructor().newInstance(), logicalId);
                    boolean named = false;
                    for (Throwable t = refused; t != null; t = t.getCause()) {
                        named |= t.getMessage() != null && t.getMessage().startsWith(PageTokens.SECRET + " is ");
                    }
                    assertTrue(named, logicalId + " started without the secret, or did not say why: " + refused);
                }
            }
        } finally {
            System.setProperty(PageTokens.SECRET, key);
        }
    }

    @Test
    void everyFunctionsCodeUriIsTheShadedJarOfAnExistingModule() {
        for (SamTemplate.Function function : template.functions()) {
            String codeUri = String.valueOf(function.properties().get("CodeUri"));
            Matcher m = Pattern.compile("(functions/[a-z-]+)/target/function\\.jar").matcher(codeUri);
            assertTrue(m.matches(), function.logicalId() + ": " + codeUri);
            assertTrue(Files.exists(ROOT.resolve(m.group(1)).resolve("pom.xml")), codeUri);
        }
    }

    @Test
    void everyTableIsGivenToTheFunctionsAndEveryReferencedTableExists() {
        Set<String> tables = new HashSet<>();
        template.tables().forEach(t -> tables.add(t.logicalId()));
        assertEquals(Set.of("GroupsTable", "ReviewTable", "EvidenceTable", "ResultsTable"), tables);
        for (SamTemplate.Function function : template.functions()) {
            for (Map.Entry<String, String> e : function.environment().entrySet()) {
                if (e.getKey().endsWith("_TABLE")) {
                    assertTrue(tables.contains(e.getValue()), e.getKey() + " → " + e.getValue());
                }
            }
        }
        for (SamTemplate.Table table : template.tables()) {
            Map<String, Object> p = table.properties();
            assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), table.logicalId());
            assertEquals(Boolean.TRUE, p.get("DeletionProtectionEnabled"), table.logicalId());
            assertEquals(Boolean.TRUE, SamTemplate.map(p.get("PointInTimeRecoverySpecification"))
                    .get("PointInTimeRecoveryEnabled"), table.logicalId());
        }
    }

    @Test
    void everyRouteHasASampleEventWithItsRouteKeyAndClaims() throws IOException {
        Set<String> sampled = new HashSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String json = Files.readString(file);
                Matcher m = Pattern.compile("\"routeKey\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
                if (m.find()) {
                    sampled.add(m.group(1));
                    var event = LambdaEvents.fromJson(json,
                            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class);
                    assertTrue(event.getRequestContext().getAuthorizer().getJwt().getClaims().containsKey("sub")
                            || event.getRequestContext().getAuthorizer().getJwt().getClaims().isEmpty(), file.toString());
                }
            }
        }
        for (String routeKey : template.routeTable().keySet()) {
            assertTrue(sampled.contains(routeKey), "no sample event in events/ for " + routeKey);
        }
    }

    @Test
    void malwareScanningIsSwitchableAndItsResultsReachTheScanResultFunction() throws IOException {
        Map<String, Object> parameter = SamTemplate.map(SamTemplate.map(template.root().get("Parameters"))
                .get("MalwareScanning"));
        assertEquals("Enabled", parameter.get("Default"));
        assertEquals(List.of("Enabled", "Disabled"), parameter.get("AllowedValues"));
        assertEquals("Disabled", template.localParameter("MalwareScanning"), "no GuardDuty locally");
        assertEquals("Disabled", template.function("EvidenceUploadFunction").orElseThrow().environment()
                .get("EVIDENCE_MALWARE_SCANNING"));
        Map<String, Map<String, Object>> resources = template.resources();
        for (String id : List.of("EvidenceMalwareProtectionPlan", "EvidenceMalwareProtectionRole",
                "EvidenceScanResultFunction")) {
            assertEquals("ScanForMalware", resources.get(id).get("Condition"), id);
        }
        Map<String, Object> plan = SamTemplate.map(resources.get("EvidenceMalwareProtectionPlan").get("Properties"));
        Map<String, Object> bucket = SamTemplate.map(SamTemplate.map(plan.get("ProtectedResource")).get("S3Bucket"));
        assertEquals(Map.of("Ref", "EvidenceBucket"), bucket.get("BucketName"));
        assertEquals(List.of("evidence/"), bucket.get("ObjectPrefixes"));
        assertEquals("ENABLED", SamTemplate.map(SamTemplate.map(plan.get("Actions")).get("Tagging")).get("Status"));

        SamTemplate.Function scanResults = template.function("EvidenceScanResultFunction").orElseThrow();
        assertEquals("org.groupeval.evidence.EvidenceScanResultHandler", scanResults.handlerClass());
        Map<String, Object> rule = SamTemplate.map(SamTemplate.map(SamTemplate.map(scanResults.properties()
                .get("Events")).get("MalwareScanResult")).get("Properties"));
        Map<String, Object> pattern = SamTemplate.map(rule.get("Pattern"));
        var sample = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ROOT.resolve("events/evidence/guardduty-scan-result.json").toFile());
        assertEquals(List.of(sample.get("source").asText()), pattern.get("source"));
        assertEquals(List.of(sample.get("detail-type").asText()), pattern.get("detail-type"));
    }

    @Test
    void noRequestPathScansATable() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("shared/src/main")),
                Files.walk(ROOT.resolve("functions")))) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList();
        }
        Pattern scan = Pattern.compile("\\.scan\\(|ScanRequest|ScanEnhancedRequest");
        for (Path source : sources) {
            assertFalse(scan.matcher(Files.readString(source)).find(), source + " uses Scan");
        }
    }
}
