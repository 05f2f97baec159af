package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import dev.strata.ddl.StatementReader;
import dev.strata.schema.Schema;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.TokenizedScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads migrations the way a careful reviewer would: statement by statement, knowing the schema each
 * statement meets. That schema comes from a real database when one is given, and from the earlier
 * migrations' statements otherwise; every file linted moves it on, so a table created in 0001 is an
 * existing table for 0002.
 *
 * <p>Works on the lexer's tokens, never on SQL text. Immutable and thread-safe; each call to
 * {@link #lint} keeps its own state.
 */
public final class Linter {

    private final LintSettings settings;

    public Linter(LintSettings settings) {
        this.settings = settings;
    }

    public LintSettings settings() {
        return settings;
    }

    /**
     * @param before  the schema before the first of {@code earlier} (a live or shadow database); empty
     *                means an empty database
     * @param earlier migrations that come before {@code files}: read only to learn the schema
     * @param files   the migrations to lint, in the order they run
     */
    public LintReport lint(Optional<Schema> before, List<LintSource> earlier, List<LintSource> files) {
        List<LintSource> all = new ArrayList<>(earlier);
        all.addAll(files);
        Set<LintSource> linted = Set.copyOf(files);
        return lint(before, all, linted::contains);
    }

    /**
     * @param before  the schema before the first source (a live or shadow database); empty means an
     *                empty database
     * @param sources every migration in the order they run
     * @param linted  which of them to report on; the others only teach the linter the schema
     */
    public LintReport lint(Optional<Schema> before, List<LintSource> sources, Predicate<LintSource> linted) {
        return lint(before, sources, linted, Map.of(), List.of());
    }

    /**
     * Like {@link #lint(Optional, List, Predicate)}, knowing what each source did on the shadow
     * database: the schema it met replaces what the statements of earlier migrations taught, and
     * rebuilds are recognised by their effect.
     *
     * @param effects what the shadow database showed, per source; sources without one are read from
     *                their statements alone
     * @param notes   remarks about the run for people (such as why there was no shadow database)
     */
    public LintReport lint(
            Optional<Schema> before,
            List<LintSource> sources,
            Predicate<LintSource> linted,
            Map<LintSource, ShadowEffect> effects,
            List<String> notes) {
        Run run = start(before);
        for (LintSource source : sources) {
            run.next(source, linted.test(source), Optional.ofNullable(effects.get(source)));
        }
        return run.finish(notes);
    }

    /**
     * Starts a run that takes the migrations one at a time, so a caller that computes each one's
     * effect on the shadow database need not keep every schema in memory.
     *
     * @param before the schema before the first migration; empty means an empty database
     */
    public Run start(Optional<Schema> before) {
        return new Run(before.map(Catalog::of).orElseGet(Catalog::empty));
    }

    /** One lint run over migrations given in the order they run. Not thread-safe. */
    public final class Run {

        private final SqlSplitter splitter = settings.target().splitter();
        private final List<Finding> findings = new ArrayList<>();
        private final ContractPairs pairs = new ContractPairs();
        private Catalog catalog;
        private int files;

        private Run(Catalog catalog) {
            this.catalog = catalog;
        }

        /**
         * @param source the next migration
         * @param linted report on it; otherwise it only teaches the linter the schema
         * @param effect what it did on the shadow database, when that is known
         */
        public void next(LintSource source, boolean linted, Optional<ShadowEffect> effect) {
            next(source, linted, effect, RowsHere.UNKNOWN, Optional.empty());
        }

        /**
         * @param rows        how many rows the tables hold where this migration starts, on the database
         *                    it will run on: findings about deleting rows are judged by them
         * @param neverBlocks when present, this migration's findings are reported but never block (it
         *                    is at or below {@code [lint] since}); the sentence says why
         */
        public void next(
                LintSource source,
                boolean linted,
                Optional<ShadowEffect> effect,
                RowsHere rows,
                Optional<String> neverBlocks) {
            if (effect.isPresent()) {
                catalog = Catalog.of(effect.get().before());
            }
            Optional<ContractPairs.Contract> contract = pairs.next(splitter, source, linted);
            if (linted) {
                files++;
                List<Finding> found = new ArrayList<>(lintFile(splitter, catalog, source, effect));
                contract.ifPresent(c -> found.addAll(c.problems(source)));
                for (Finding finding : found) {
                    settings.judge(finding)
                            .filter(f -> RowsHere.keeps(f, rows))
                            .map(f -> RowsHere.judge(f, rows))
                            .map(f -> contract.map(c -> c.judge(f)).orElse(f))
                            // [lint] since can't lower what migrate refuses anyway.
                            .map(f -> neverBlocks.isPresent() && f.severity() == Severity.ERROR && f.allowable()
                                    ? f.judged(Severity.WARNING, neverBlocks.get())
                                    : f)
                            .ifPresent(findings::add);
                }
                return;
            }
            try {
                for (TokenizedScript.Part part :
                        splitter.tokenize(source.file(), source.text()).statements()) {
                    catalog.apply(StatementReader.read(part));
                }
            } catch (SqlSyntaxException e) {
                // Only the linted files' problems are reported; a file that can't be read just teaches less.
            }
        }

        /** Adds a finding made outside the rules (such as a statement that failed on the shadow). */
        public void add(Finding finding) {
            settings.judge(finding).ifPresent(findings::add);
        }

        public LintReport finish(List<String> notes) {
            return new LintReport(files, findings, notes);
        }
    }

    /** The finding with the severity these settings give its rule; empty when the rule is off. */
    public Optional<Finding> judge(Finding finding) {
        return settings.judge(finding);
    }

    /** Lints one file and moves {@code catalog} past it. */
    private List<Finding> lintFile(
            SqlSplitter splitter, Catalog catalog, LintSource source, Optional<ShadowEffect> effect) {
        TokenizedScript script;
        try {
            script = splitter.tokenize(source.file(), source.text());
        } catch (SqlSyntaxException e) {
            String prefix = e.source() + ":" + e.line() + ":" + e.column() + ": ";
            String problem =
                    e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return List.of(new Finding(
                    Rules.SYNTAX.id(),
                    Rules.SYNTAX.defaultSeverity(),
                    source.file(),
                    e.line(),
                    e.column(),
                    "strata cannot split this file: " + problem + ".",
                    "Fix the SQL; nothing else in" + " the file was checked."));
        }
        List<ReadStatement> statements = script.statements().stream()
                .map(part -> new ReadStatement(part, StatementReader.read(part)))
                .toList();
        Suppressions suppressions = new Suppressions(
                source.file(),
                script.directives(),
                statements.stream().map(s -> s.part().statement().line()).toList());
        List<Rebuild> rebuilds = Rebuild.find(statements);
        // SQLx's and dbmate's own opt-outs mean the same as strata's directive, as they do when the file runs;
        // a file with its own transactions, or only statements that can't run in one, runs outside strata's.
        boolean optedOut = script.directives().stream().anyMatch(d -> d.name().equals("no-transaction") && d.inHeader())
                || dev.strata.source.TransactionHeaders.optsOut(source.text());
        boolean transactional = dev.strata.sql.RunMode.of(
                        source.file(),
                        script.statements().stream()
                                .map(part -> part.statement())
                                .toList(),
                        optedOut)
                .transactional();
        boolean foreignKeysOff = script.directives().stream()
                .anyMatch(d -> d.name().equals("foreign-keys") && d.argument().equalsIgnoreCase("off") && d.inHeader());
        boolean[] pragmaOff = RebuildRules.foreignKeysOffAt(statements, transactional);
        boolean baseline = Rules.importedBaseline(source.text());
        List<StatementRule> rules = Rules.statementRules().stream()
                .filter(rule -> settings.enabled(rule, baseline))
                .toList();

        // Only the rebuild rules look back at the schema as the file found it; copying the whole catalog
        // for every file made linting thousands of pending migrations quadratic.
        Catalog atStart = rebuilds.isEmpty() ? catalog : catalog.copy();
        Set<String> created = new HashSet<>();
        Set<String> added = new HashSet<>();
        boolean lockTimeout = strataSetsLockTimeout(script, transactional);
        boolean lockTaken = false;
        List<Finding> findings = new ArrayList<>(suppressions.problems());
        findings.addAll(preconditionProblems(splitter, source.file(), script));
        for (int i = 0; i < statements.size(); i++) {
            StatementContext context = new StatementContext(
                    settings.target(),
                    source.file(),
                    statements,
                    i,
                    catalog,
                    atStart,
                    Set.copyOf(created),
                    Set.copyOf(added),
                    lockTimeout,
                    lockTaken,
                    rebuilds,
                    transactional,
                    foreignKeysOff || pragmaOff[i],
                    settings.historyTables());
            int index = i;
            for (StatementRule rule : rules) {
                rule.check().check(context, (at, message, fix, destroys) -> {
                    if (!suppressions.allows(rule.id(), index)) {
                        findings.add(new Finding(
                                rule.id(),
                                rule.defaultSeverity(),
                                source.file(),
                                at.line(),
                                at.column(),
                                message,
                                fix,
                                destroys.map(Name::toString)));
                    }
                });
            }
            // Judged against the catalog before the statement, as the statement finds it.
            lockTaken |= PostgresRules.locksExistingTable(context);
            Change change = statements.get(i).change();
            if (change instanceof Change.CreateTable create) {
                created.add(create.table().key());
            } else if (change instanceof Change.CreateOther view
                    && view.type() == Change.ObjectType.MATERIALIZED_VIEW
                    && view.name() != null) {
                // A materialized view made here is as new as a table made here: nobody reads it or refreshes it yet.
                created.add(view.name().key());
            } else if (change instanceof Change.AlterTable alter) {
                for (AlterAction action : alter.actions()) {
                    if (action instanceof AlterAction.AddColumn add) {
                        added.add(alter.table().key() + "."
                                + Catalog.key(add.column().name()));
                    } else if (action instanceof AlterAction.RenameTable rename
                            && created.contains(alter.table().key())) {
                        created.add(rename.to().key());
                    }
                }
            } else if (change instanceof Change.SetParameter set && set.name().equalsIgnoreCase("lock_timeout")) {
                lockTimeout = true;
            }
            catalog.apply(change);
        }
        effect.ifPresent(e -> ShadowRules.apply(
                e,
                statements,
                rebuilds,
                settings.target(),
                index -> foreignKeysOff || pragmaOff[index],
                findings,
                (rule, index, at, message, fix) -> {
                    if (settings.enabled(rule) && !suppressions.allows(rule.id(), index)) {
                        findings.add(new Finding(
                                rule.id(),
                                rule.defaultSeverity(),
                                source.file(),
                                at.line(),
                                at.column(),
                                message,
                                fix));
                    }
                }));
        return findings;
    }

    /**
     * Whether strata sets a lock timeout while this file runs: only in its own transaction, where the
     * file's {@code -- strata:lock-timeout} (unless {@code off}) or else the configured lock_timeout holds.
     */
    private boolean strataSetsLockTimeout(TokenizedScript script, boolean transactional) {
        if (!transactional) {
            return false;
        }
        return script.directives().stream()
                .filter(d -> d.name().equals("lock-timeout") && d.inHeader())
                .findFirst()
                .map(d -> !d.argument().equalsIgnoreCase("off"))
                .orElse(settings.strataSetsLockTimeout());
    }

    /**
     * Each {@code -- strata:require} must hold one query that splits, and a message. Lexing only: whether
     * the query parses and runs is learnt on the shadow database, where it runs (fails-on-shadow).
     */
    private static List<Finding> preconditionProblems(SqlSplitter splitter, String file, TokenizedScript script) {
        List<Finding> problems = new ArrayList<>();
        for (dev.strata.sql.Directive directive : script.directives()) {
            if (!directive.name().equals("require")) {
                continue;
            }
            dev.strata.sql.Precondition.Read read =
                    dev.strata.sql.Precondition.read(splitter, file, "'-- strata:require'", directive.argument());
            if (!read.ok()) {
                problems.add(new Finding(
                        Rules.SYNTAX.id(),
                        Rules.SYNTAX.defaultSeverity(),
                        file,
                        directive.line(),
                        1,
                        read.problem() + ".",
                        "Fix the precondition; migrate refuses the file until then."));
            }
        }
        return problems;
    }

    /** The directive names the linter reads, which the migration runner must therefore accept. */
    public static Set<String> directives() {
        return Set.of(Suppressions.ALLOW, Suppressions.ALLOW_FILE);
    }
}
