package org.groupeval.domain.framework;

import org.groupeval.domain.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The frameworks the platform knows, by id and version. A published id + version is immutable (docs/architecture.md: a
 * cycle pins the framework version it uses, so later edits never change past results): registering a different
 * definition under an existing id + version is refused; the fix is to publish a new version.
 *
 * <p>The catalog is an immutable value; {@link #with(Framework)} returns a new catalog.
 */
public final class FrameworkCatalog {

    /** The index of built-in frameworks (read explicitly: no classpath scanning, so it works from a shaded jar). */
    public static final String INDEX = "frameworks/index.json";

    private static volatile FrameworkCatalog builtIn;

    private final List<Framework> frameworks;

    private FrameworkCatalog(List<Framework> frameworks) {
        this.frameworks = List.copyOf(frameworks);
    }

    public static FrameworkCatalog empty() {
        return new FrameworkCatalog(List.of());
    }

    /** The built-in frameworks (ankang-2022, chengdu-2023), loaded and validated once, then cached. */
    public static FrameworkCatalog builtIn() {
        FrameworkCatalog catalog = builtIn;
        if (catalog == null) {
            synchronized (FrameworkCatalog.class) {
                catalog = builtIn;
                if (catalog == null) {
                    catalog = loadIndex(INDEX);
                    builtIn = catalog;
                }
            }
        }
        return catalog;
    }

    /** Loads every framework listed in an index resource; each entry's id and version must match its file. */
    public static FrameworkCatalog loadIndex(String indexResource) {
        FrameworkCatalog catalog = empty();
        List<Map<String, Object>> entries = FrameworkLoader.readIndex(indexResource);
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            String resource = String.valueOf(entry.get("resource"));
            Framework framework = FrameworkLoader.fromResource(resource);
            if (!Objects.equals(framework.id(), entry.get("id")) || !Objects.equals(framework.version(), entry.get("version"))) {
                throw new FrameworkDefinitionException(indexResource, List.of("/frameworks/" + i + ": lists "
                        + entry.get("id") + "/" + entry.get("version") + " but " + resource + " defines "
                        + framework.id() + "/" + framework.version()));
            }
            catalog = catalog.with(framework);
        }
        return catalog;
    }

    /**
     * A catalog with {@code framework} added. Registering the same content again is a no-op; a different definition
     * under an id + version already present is refused (a 409: the version is published and immutable).
     */
    public FrameworkCatalog with(Framework framework) {
        Optional<Framework> existing = find(framework.id(), framework.version());
        if (existing.isPresent()) {
            if (existing.get().equals(framework)) {
                return this;
            }
            throw DomainException.conflict("framework-version-published", "Framework version already published",
                    "framework " + framework.id() + " version " + framework.version()
                            + " is already published with a different definition; publish a new version instead");
        }
        List<Framework> all = new ArrayList<>(frameworks);
        all.add(framework);
        return new FrameworkCatalog(all);
    }

    public List<Framework> all() {
        return frameworks;
    }

    public Optional<Framework> find(String id, String version) {
        return frameworks.stream().filter(f -> f.id().equals(id) && f.version().equals(version)).findFirst();
    }

    /** The highest version of a framework (versions compare numerically when both are numbers, else as text). */
    public Optional<Framework> latest(String id) {
        return frameworks.stream().filter(f -> f.id().equals(id)).max(Comparator.comparing(Framework::version,
                FrameworkCatalog::compareVersions));
    }

    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
