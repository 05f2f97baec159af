package dev.strata.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the class a database that the project's migrations have already built.
 *
 * <p>The migrations run once per test class, into a template; each test method then gets its own
 * copy of that template (a file copy on SQLite, {@code CREATE DATABASE ... TEMPLATE} on
 * PostgreSQL), so tests never see each other's rows and never pay for the migrations again. A test
 * or {@code @BeforeEach} method receives the copy by declaring a parameter of type
 * {@link MigratedDatabase}, {@link javax.sql.DataSource} or {@link java.sql.Connection}.
 *
 * <pre>{@code
 * @StrataTest(migrations = "src/main/resources/db/migrations")
 * class UserRepositoryTest {
 *     @Test
 *     void savesAUser(DataSource dataSource) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(StrataExtension.class)
public @interface StrataTest {

    /** The migrations folder, relative to the folder the tests run in (a Maven module's folder). */
    String migrations() default "migrations";

    /** The engine of the database each test gets. */
    Engine engine() default Engine.SQLITE;
}
