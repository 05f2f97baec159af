package dev.strata.junit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link StrataTest}. It can also be registered with settings of its own:
 *
 * <pre>{@code
 * @RegisterExtension
 * static StrataExtension database = StrataExtension.migrations("db/migrations").engine(Engine.POSTGRES);
 * }</pre>
 *
 * <p>The template is migrated once per test class, the first time a test of it asks for a
 * database; a migration that fails fails that class's tests with strata's own message. Each test's
 * copy, and any connection handed to it, is removed after the test.
 */
public final class StrataExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(StrataExtension.class);
    private static final String COPY = "copy";
    private static final String CONNECTION = "connection";

    private final String migrations;
    private final Engine engine;

    /** Used by {@link StrataTest}: the settings come from the annotation. */
    public StrataExtension() {
        this(null, null);
    }

    private StrataExtension(String migrations, Engine engine) {
        this.migrations = migrations;
        this.engine = engine;
    }

    /** An extension for the migrations in FOLDER (relative to the folder the tests run in), on SQLite. */
    public static StrataExtension migrations(String folder) {
        return new StrataExtension(Objects.requireNonNull(folder, "folder"), Engine.SQLITE);
    }

    /** The same extension on another engine. */
    public StrataExtension engine(Engine engine) {
        return new StrataExtension(migrations, Objects.requireNonNull(engine, "engine"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TemplateDatabase template = template(context);
        context.getStore(NAMESPACE).put(COPY, new Copy(template, template.copy()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        Connection connection = context.getStore(NAMESPACE).remove(CONNECTION, Connection.class);
        if (connection != null) {
            connection.close();
        }
        Copy copy = context.getStore(NAMESPACE).remove(COPY, Copy.class);
        if (copy != null) {
            copy.template().drop(copy.database());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MigratedDatabase.class || type == DataSource.class || type == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Copy copy = context.getStore(NAMESPACE).get(COPY, Copy.class);
        if (copy == null) {
            throw new ParameterResolutionException("a strata database is given to test methods and @BeforeEach"
                    + " methods only, not to " + parameter.getDeclaringExecutable());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == MigratedDatabase.class) {
            return copy.database();
        }
        if (type == DataSource.class) {
            return copy.database().dataSource();
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(CONNECTION, key -> connect(copy), Connection.class);
    }

    private static Connection connect(Copy copy) {
        try {
            return copy.database().connect();
        } catch (SQLException e) {
            throw new ParameterResolutionException(
                    "could not connect to the test database " + copy.database().jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The class's template, migrated on first use and removed when the class's tests are done. */
    private TemplateDatabase template(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "template", key -> new ClosingTemplate(create(classContext)), ClosingTemplate.class)
                .template();
    }

    private TemplateDatabase create(ExtensionContext classContext) {
        StrataTest annotation = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), StrataTest.class)
                .orElse(null);
        String folder = migrations != null ? migrations : annotation != null ? annotation.migrations() : null;
        Engine on = engine != null ? engine : annotation != null ? annotation.engine() : null;
        if (folder == null || on == null) {
            throw new ExtensionConfigurationException("register StrataExtension with @StrataTest on the class,"
                    + " or with @RegisterExtension StrataExtension.migrations(\"...\")");
        }
        // A migration that fails throws strata's own exception, whose message names the file and line.
        Migrations files = Migrations.in(folder);
        return switch (on) {
            case SQLITE -> SqliteTemplate.migrate(files);
            case POSTGRES -> PostgresTemplate.migrate(EmbeddedServer.shared(classContext), files);
        };
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private record Copy(TemplateDatabase template, MigratedDatabase database) {}

    /** Lets JUnit remove the template together with the class context that holds it. */
    @SuppressWarnings(
            "deprecation") // JUnit before 5.13 closes only a CloseableResource, 5.13 and later an AutoCloseable
    private record ClosingTemplate(TemplateDatabase template)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            template.close();
        }
    }
}
